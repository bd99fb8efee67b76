/** Finding the files to lint: paths, directories and globs, with what cannot be read said on stderr. */
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Stats } from 'node:fs';
import { lintedExtensions } from '../lint/formats';
import { compilePathGlob } from '../lint/glob';
import { messageOf } from '../backup/text';
import { visible } from '../backup/text';

/** What the command line reads of the file system (node's in main.ts; tests can make it fail). */
export interface CliFs {
  readFile(path: string): Uint8Array;
  readdir(path: string): string[];
  /** Follows symbolic links. */
  stat(
    path: string,
  ): Pick<
    Stats,
    | 'isFile'
    | 'isDirectory'
    | 'isFIFO'
    | 'isSocket'
    | 'isCharacterDevice'
    | 'isBlockDevice'
    | 'size'
    | 'dev'
    | 'ino'
  >;
}

export interface CliIo extends CliFs {
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  version: string;
}

/** The sanitiser for terminal text lives in the domain core, shared with pitr-posture. */
export { visible };

/** A user's value quoted for a message. */
export function shown(s: string): string {
  return `"${visible(s)}"`;
}

/** Folders a directory search does not enter (the README lists them: a test keeps it so). */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

/** Why a path could not be read, in words. */
export function reason(e: unknown): string {
  switch ((e as { code?: unknown } | undefined)?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symbolic link loop)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return messageOf(e);
  }
}

type Stat = ReturnType<CliFs['stat']>;

function notRegular(st: Stat): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** A file's size in words: whole megabytes from 10, tenths from 0.1, else kilobytes. */
function size(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 10) return `${Math.round(mb)} MB`;
  if (mb >= 0.1) return `${Math.round(mb * 10) / 10} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** The largest file to lint: its bytes, and the megabytes as the user wrote them (e.g. "0.25"). */
export interface SizeLimit {
  bytes: number;
  megabytes: string;
}

/** Finds the files to lint, reporting on stderr each path that cannot be read and each one skipped. */
export class Collector {
  readonly files = new Map<string, { explicit: boolean }>();
  ioError = false;

  constructor(
    private readonly io: CliIo,
    private readonly limit: SizeLimit,
  ) {}

  private rel(path: string): string {
    return relative(this.io.cwd, path).split(sep).join('/') || '.';
  }

  error(path: string, why: string): void {
    this.io.stderr(`pitr-lint: cannot read ${shown(this.rel(path))}: ${why}\n`);
    this.ioError = true;
  }

  private skip(path: string, why: string): void {
    this.io.stderr(`pitr-lint: skipped ${shown(this.rel(path))}: ${why}\n`);
  }

  /** Adds a regular file that is not too large; `explicit`: named by the user (or a glob). */
  add(path: string, st: Stat, explicit: boolean): void {
    if (!st.isFile()) {
      if (explicit) this.error(path, `${notRegular(st)}, not a file`);
      else this.skip(path, `${notRegular(st)}, not a file`);
      return;
    }
    if (st.size > this.limit.bytes) {
      this.error(
        path,
        // The limit as given: "--max-file-size 0.01" is a 0.01 MB limit, not a rounded "0 MB".
        `the file is ${size(st.size)}, over the ${this.limit.megabytes} MB limit. To lint it, raise the limit with --max-file-size ${Math.ceil(st.size / 1024 / 1024)}`,
      );
      return;
    }
    if (!this.files.has(path)) this.files.set(path, { explicit });
  }

  /**
   * Walks `dir` for entries `wanted` (by path relative to `root`), at most `depth` levels down.
   * Directories already on the way down (symbolic link loops) are not entered twice.
   */
  walk(
    dir: string,
    root: string,
    depth: number,
    wanted: (rel: string) => boolean,
    explicit: boolean,
    onTheWay: Set<string>,
  ): void {
    let names: string[];
    try {
      names = this.io.readdir(dir).sort();
    } catch (e) {
      this.error(dir, reason(e));
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const rel = relative(root, path).split(sep).join('/');
      let st: Stat;
      try {
        st = this.io.stat(path);
      } catch (e) {
        // A name that would be linted is an error; any other (a broken link to a directory?) a note.
        // readdir listed it, so "no such file" means a symbolic link to nothing.
        const why = (e as { code?: unknown }).code === 'ENOENT' ? 'a broken symbolic link' : reason(e);
        if (wanted(rel)) this.error(path, why);
        else this.skip(path, why);
        continue;
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name) || depth <= 1) continue;
        const id = `${st.dev}:${st.ino}`;
        if (onTheWay.has(id)) {
          this.skip(path, 'a symbolic link back to a directory already being searched');
          continue;
        }
        onTheWay.add(id);
        this.walk(path, root, depth - 1, wanted, explicit, onTheWay);
        onTheWay.delete(id);
      } else if (wanted(rel)) this.add(path, st, explicit);
    }
  }

  directory(dir: string, st: Stat): void {
    // The AWS CLI's JSON files, templates (.yaml, .yml, .json, .template: cdk.out/*.template.json
    // among them) and each other format's files: their content decides what they are.
    const endings = lintedExtensions();
    const wanted = (rel: string) => {
      const lower = rel.toLowerCase();
      return endings.some((e) => lower.endsWith(e));
    };
    this.walk(dir, dir, Infinity, wanted, false, new Set([`${st.dev}:${st.ino}`]));
  }

  /** Expands a glob the shell left alone (quoted), relative to cwd. */
  glob(input: string): void {
    const scan = picomatch.scan(input.replace(/\\/g, '/'));
    const glob = compilePathGlob(scan.glob);
    if (!glob.ok) {
      this.io.stderr(`pitr-lint: the glob ${shown(input)} cannot be used: ${glob.message}\n`);
      this.ioError = true;
      return;
    }
    const base = resolve(this.io.cwd, scan.base || '.');
    let st: Stat;
    try {
      st = this.io.stat(base);
    } catch (e) {
      this.error(base, `${reason(e)} (in the glob ${shown(input)})`);
      return;
    }
    if (!st.isDirectory()) {
      this.error(base, `not a directory (in the glob ${shown(input)})`);
      return;
    }
    // Without "**" a path matches only as many levels down as the glob has segments.
    const depth = scan.glob.includes('**') ? Infinity : scan.glob.split('/').length;
    const before = this.files.size;
    const errorsBefore = this.ioError;
    this.walk(base, base, depth, (rel) => glob.test(rel), true, new Set([`${st.dev}:${st.ino}`]));
    if (this.files.size === before && this.ioError === errorsBefore) {
      this.io.stderr(`pitr-lint: no files match ${shown(input)}\n`);
      this.ioError = true;
    }
  }

  input(input: string): void {
    const abs = resolve(this.io.cwd, input);
    let st: Stat;
    try {
      st = this.io.stat(abs);
    } catch (e) {
      if (picomatch.scan(input).isGlob) this.glob(input);
      else this.error(abs, reason(e));
      return;
    }
    if (st.isDirectory()) this.directory(abs, st);
    else this.add(abs, st, true);
  }
}
