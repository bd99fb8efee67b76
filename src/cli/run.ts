import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { lint } from '../lint/engine';
import { globToRegExp } from '../lint/glob';
import { LineIndex } from '../lint/position';
import { RULES_BY_CODE } from '../lint/rules';
import type { DocumentFamily, Finding, SeveritySetting } from '../lint/types';
import { toSarif, type FileReport } from './sarif';
import { messageOf } from '../aws/awsText';

export interface CliIo {
  cwd: string;
  readFile(path: string): string;
  stdout(s: string): void;
  stderr(s: string): void;
  version: string;
}

const USAGE = `Usage: pitr-lint [options] <file | directory | glob>...

Lints AWS Backup plans, selections, restore metadata and start-restore-job files.
Directories are searched for *.json files; files that are not AWS Backup files are skipped.

Options:
  --format text|json|sarif   output format (default: text)
  --now ISO                  "now" for time-dependent rules (default: the clock)
  --severity CODE=LEVEL      change a rule's severity: error|warning|info|hint|off (repeatable)
  --kind GLOB=KIND           lint files matching GLOB as KIND: backup-plan|backup-selection|
                             restore-metadata|start-restore-job (repeatable)
  --version, --help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json' | 'sarif';
  now?: Date;
  severity: Record<string, SeveritySetting>;
  globs: Record<string, DocumentFamily>;
  inputs: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { format: 'text', severity: {}, globs: {}, inputs: [] };
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
          throw new UsageError(`--format takes text, json or sarif, not "${f}"`);
        o.format = f;
        break;
      }
      case '--now': {
        const v = value();
        const d = new Date(v);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(d.getTime()))
          throw new UsageError(`--now takes an ISO 8601 time such as 2025-08-01T12:00:00Z, not "${v}"`);
        o.now = d;
        break;
      }
      case '--severity': {
        const v = value();
        const m = /^([A-Z]+\d{3})=(error|warning|info|hint|off)$/.exec(v);
        if (!m) throw new UsageError(`--severity takes CODE=error|warning|info|hint|off, not "${v}"`);
        if (!RULES_BY_CODE.has(m[1]!)) throw new UsageError(`--severity: unknown rule code "${m[1]}"`);
        o.severity[m[1]!] = m[2] as SeveritySetting;
        break;
      }
      case '--kind': {
        const v = value();
        const m = /^(.+)=(backup-plan|backup-selection|restore-metadata|start-restore-job)$/.exec(v);
        if (!m)
          throw new UsageError(
            `--kind takes GLOB=backup-plan|backup-selection|restore-metadata|start-restore-job, not "${v}"`,
          );
        o.globs[m[1]!] = m[2] as DocumentFamily;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        o.inputs.push(a);
    }
  }
  if (o.inputs.length === 0) throw new UsageError('no files given');
  return o;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

function walkJson(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walkJson(p, out);
    } else if (name.toLowerCase().endsWith('.json')) out.push(p);
  }
}

/** Expands a glob the shell left alone (quoted), relative to cwd. */
function expandGlob(pattern: string, cwd: string): string[] {
  const norm = pattern.replace(/\\/g, '/');
  const firstMagic = norm.search(/[*?{]/);
  const baseEnd = norm.lastIndexOf('/', firstMagic);
  const base = resolve(cwd, baseEnd >= 0 ? norm.slice(0, baseEnd) || '/' : '.');
  const re = globToRegExp(resolve(cwd, norm).replace(/\\/g, '/'));
  const all: string[] = [];
  try {
    walkAll(base, all);
  } catch {
    return [];
  }
  return all.filter((p) => re.test(p.replace(/\\/g, '/')));
}

function walkAll(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walkAll(p, out);
    } else out.push(p);
  }
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

  const files: { path: string; explicit: boolean }[] = [];
  let ioError = false;
  for (const input of opts.inputs) {
    const abs = resolve(io.cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const found: string[] = [];
      walkJson(abs, found);
      files.push(...found.map((path) => ({ path, explicit: false })));
    } else if (st?.isFile()) {
      files.push({ path: abs, explicit: true });
    } else if (/[*?{]/.test(input)) {
      const found = expandGlob(input, io.cwd);
      if (found.length === 0) io.stderr(`pitr-lint: no files match "${input}"\n`);
      files.push(...found.map((path) => ({ path, explicit: true })));
    } else {
      io.stderr(`pitr-lint: cannot read "${input}": no such file or directory\n`);
      ioError = true;
    }
  }

  const reports: (FileReport & { recognized: string | undefined })[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    let text: string;
    try {
      text = io.readFile(f.path);
    } catch (e) {
      io.stderr(`pitr-lint: cannot read "${relative(io.cwd, f.path)}": ${messageOf(e)}\n`);
      ioError = true;
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const rel = relative(io.cwd, f.path).split(sep).join('/');
    const result = lint({
      text,
      fileName: rel,
      globs: opts.globs,
      severity: opts.severity,
      ...(opts.now ? { now: opts.now } : {}),
    });
    if (!result) {
      if (f.explicit)
        io.stderr(
          `pitr-lint: skipped "${rel}": not a recognised AWS Backup file (use --kind to name its kind)\n`,
        );
      continue;
    }
    reports.push({ path: rel, text, findings: result.findings, recognized: result.recognition.kind });
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
  if (ioError) return 2;
  return errors > 0 ? 1 : 0;
}

function jsonReport(r: FileReport & { recognized: string | undefined }): object {
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

function textReport(reports: (FileReport & { recognized: string | undefined })[]): string {
  let out = '';
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) {
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      const s = index.position(f.offset);
      counts[f.severity]++;
      out += `${r.path}:${s.line + 1}:${s.character + 1}: ${f.severity} ${f.code}: ${f.message}\n`;
    }
  }
  out += `${reports.length} file${reports.length === 1 ? '' : 's'} linted: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} note${counts.info + counts.hint === 1 ? '' : 's'}\n`;
  return out;
}
