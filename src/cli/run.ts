import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Stats } from 'node:fs';
import { lint } from '../lint/engine';
import { compilePathGlob, globError } from '../lint/glob';
import { LineIndex } from '../lint/position';
import { RULES_BY_CODE } from '../lint/rules';
import type { DocumentFamily, Finding, SeveritySetting } from '../lint/types';
import { artifactUri, toSarif, type FileReport } from './sarif';
import { messageOf } from '../aws/awsText';

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

const DEFAULT_MAX_FILE_MB = 5;

const USAGE = `Usage: pitr-lint [options] <file | directory | glob>...

Lints AWS Backup plans, selections, restore metadata and start-restore-job files.
Directories are searched for *.json files; files that are not AWS Backup files are skipped.

Options:
  --format text|json|sarif   output format (default: text)
  --now ISO                  "now" for time-dependent rules (default: the clock)
  --severity CODE=LEVEL      change a rule's severity: error|warning|info|hint|off (repeatable)
  --kind GLOB=KIND           lint files matching GLOB as KIND: backup-plan|backup-selection|
                             restore-metadata|start-restore-job (repeatable)
  --max-file-size MB         skip, as an error, files larger than this (default: ${DEFAULT_MAX_FILE_MB})
  --allow-other-files        files named that are not AWS Backup files are skipped quietly, and a
                             run with none to lint exits 0 (for pre-commit, which names every
                             changed JSON file)
  --version, --help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error: a path or glob that names no
file, a file that cannot be read or is too large, or nothing to lint at all.

In CI (for example a GitHub Actions step; upload the SARIF file to code scanning):
  npx pitr-lint --format sarif backup/ > pitr-lint.sarif    # exit 1 fails the job on errors
  npx pitr-lint "infra/**/*backup*.json" --severity PITR007=off
`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json' | 'sarif';
  now?: Date;
  severity: Record<string, SeveritySetting>;
  globs: Record<string, DocumentFamily>;
  maxBytes: number;
  allowOtherFiles: boolean;
  inputs: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = {
    format: 'text',
    severity: {},
    globs: {},
    maxBytes: DEFAULT_MAX_FILE_MB * 1024 * 1024,
    allowOtherFiles: false,
    inputs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--version':
        return 'version';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif')
          throw new UsageError(`--format takes text, json or sarif, not ${shown(f)}`);
        o.format = f;
        break;
      }
      case '--now': {
        const v = value();
        const d = new Date(v);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(d.getTime()))
          throw new UsageError(`--now takes an ISO 8601 time such as 2025-08-01T12:00:00Z, not ${shown(v)}`);
        o.now = d;
        break;
      }
      case '--severity': {
        const v = value();
        const m = /^([A-Z]+\d{3})=(error|warning|info|hint|off)$/.exec(v);
        if (!m) throw new UsageError(`--severity takes CODE=error|warning|info|hint|off, not ${shown(v)}`);
        if (!RULES_BY_CODE.has(m[1]!)) throw new UsageError(`--severity: unknown rule code "${m[1]}"`);
        o.severity[m[1]!] = m[2] as SeveritySetting;
        break;
      }
      case '--kind': {
        const v = value();
        const m = /^(.+)=(backup-plan|backup-selection|restore-metadata|start-restore-job)$/.exec(v);
        if (!m)
          throw new UsageError(
            `--kind takes GLOB=backup-plan|backup-selection|restore-metadata|start-restore-job, not ${shown(v)}`,
          );
        const why = globError(m[1]!);
        if (why) throw new UsageError(`--kind: the glob ${shown(m[1]!)} cannot be used: ${why}`);
        o.globs[m[1]!] = m[2] as DocumentFamily;
        break;
      }
      case '--max-file-size': {
        const v = value();
        const mb = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
        if (!(mb > 0))
          throw new UsageError(`--max-file-size takes a size in megabytes such as 20, not ${shown(v)}`);
        o.maxBytes = mb * 1024 * 1024;
        break;
      }
      case '--allow-other-files':
        o.allowOtherFiles = true;
        break;
      default:
        if (a === '')
          throw new UsageError(
            'an empty argument is not a path: name a file, directory or glob ("." for this directory)',
          );
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${shown(a)}`);
        o.inputs.push(a);
    }
  }
  if (o.inputs.length === 0) throw new UsageError('no files given');
  return o;
}

/**
 * Control characters (terminal escapes among them), line and bidirectional-text controls shown as
 * \uXXXX, so a key, value or file name cannot rewrite the terminal or the line it is printed on.
 */
export function visible(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A user's value quoted for a message. */
function shown(s: string): string {
  return `"${visible(s)}"`;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

/** Why a path could not be read, in words. */
function reason(e: unknown): string {
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

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Finds the files to lint, reporting on stderr each path that cannot be read and each one skipped. */
class Collector {
  readonly files = new Map<string, { explicit: boolean }>();
  ioError = false;

  constructor(
    private readonly io: CliIo,
    private readonly maxBytes: number,
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
    if (st.size > this.maxBytes) {
      this.error(
        path,
        `the file is ${megabytes(st.size)}, over the ${megabytes(this.maxBytes)} limit. To lint it, raise the limit with --max-file-size ${Math.ceil(st.size / 1024 / 1024)}`,
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
    const isJson = (rel: string) => rel.toLowerCase().endsWith('.json');
    this.walk(dir, dir, Infinity, isJson, false, new Set([`${st.dev}:${st.ino}`]));
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

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The file's text (a byte order mark kept: the engine reports it) and, when the bytes are not
 * UTF-8, the offset in that text of the first replacement character that stands for bad bytes.
 */
function decode(bytes: Uint8Array): { text: string; invalidUtf8At?: number } {
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    const text = LENIENT_UTF8.decode(bytes);
    // Every character before the first bad one decoded as itself, so byte offsets stay exact
    // until then; a U+FFFD that was really in the file (EF BF BD) is skipped.
    let byte = 0;
    let from = 0;
    for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
      byte += Buffer.byteLength(text.slice(from, i), 'utf8');
      if (!(bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd))
        return { text, invalidUtf8At: i };
      byte += 3;
      from = i + 1;
    }
    return { text };
  }
}

interface Report extends FileReport {
  recognized: string | undefined;
}

export function runCli(argv: string[], io: CliIo): number {
  let opts: Options | 'help' | 'version';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pitr-lint: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (opts === 'version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }

  const found = new Collector(io, opts.maxBytes);
  for (const input of opts.inputs) found.input(input);

  const reports: Report[] = [];
  for (const [path, { explicit }] of found.files) {
    const rel = relative(io.cwd, path).split(sep).join('/');
    let bytes: Uint8Array;
    try {
      bytes = io.readFile(path);
    } catch (e) {
      found.error(path, reason(e));
      continue;
    }
    const { text, invalidUtf8At } = decode(bytes);
    const result = lint({
      text,
      fileName: rel,
      globs: opts.globs,
      severity: opts.severity,
      ...(invalidUtf8At !== undefined ? { invalidUtf8At } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
    if (!result) {
      if (explicit && !opts.allowOtherFiles)
        io.stderr(
          `pitr-lint: skipped ${shown(rel)}: not a recognised AWS Backup file (use --kind to name its kind)\n`,
        );
      continue;
    }
    reports.push({
      path: rel,
      uri: artifactUri(path, io.cwd),
      text,
      findings: result.findings,
      recognized: result.recognition.kind,
    });
  }

  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  if (opts.format === 'sarif') io.stdout(JSON.stringify(toSarif(reports, io.version), null, 2) + '\n');
  else if (opts.format === 'json')
    io.stdout(
      JSON.stringify(
        reports.map((r) => jsonReport(r)),
        null,
        2,
      ) + '\n',
    );
  else io.stdout(textReport(reports));
  if (found.ioError) return 2;
  if (reports.length === 0 && !opts.allowOtherFiles) {
    io.stderr(
      'pitr-lint: nothing was linted: no AWS Backup file among the paths given (use --kind to name a kind)\n',
    );
    return 2;
  }
  return errors > 0 ? 1 : 0;
}

function jsonReport(r: Report): object {
  const index = new LineIndex(r.text);
  return {
    file: r.path,
    kind: r.recognized,
    findings: r.findings.map((f: Finding) => {
      const s = index.position(f.offset);
      const e = index.position(f.offset + f.length);
      return {
        code: f.code,
        severity: f.severity,
        message: f.message,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        url: RULES_BY_CODE.get(f.code)?.url,
      };
    }),
  };
}

function textReport(reports: Report[]): string {
  let out = '';
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) {
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      const s = index.position(f.offset);
      counts[f.severity]++;
      out += `${visible(r.path)}:${s.line + 1}:${s.character + 1}: ${f.severity} ${f.code}: ${visible(f.message)}\n`;
    }
  }
  out += `${reports.length} file${reports.length === 1 ? '' : 's'} linted: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} note${counts.info + counts.hint === 1 ? '' : 's'}\n`;
  return out;
}
