import { relative, sep } from 'node:path';
import { parseIsoInstant } from '../backup/calendar';
import { inertJson } from '../backup/text';
import { lint } from '../lint/engine';
import { lintedExtensions, prepareFormats } from '../lint/formats';
import { globError } from '../lint/glob';
import { LineIndex } from '../lint/position';
import { RULES_BY_CODE } from '../lint/rules';
import type { DocumentFamily, Finding, Recognition, SeveritySetting } from '../lint/types';
import { artifactUri, toSarif, type FileReport } from './sarif';
import { Collector, reason, shown, visible, type CliIo, type SizeLimit } from './collect';
import { cliArgs, UsageError, type CliFlags } from '../ui/cliArgs';

export type { CliFs, CliIo } from './collect';

const DEFAULT_MAX_FILE_MB = 5;

const USAGE = `Usage: pitr-lint [options] <file | directory | glob>...

Lints AWS Backup plans, selections, restore metadata and start-restore-job files, and the
plans and selections of CloudFormation templates (YAML or JSON, SAM, CDK's cdk.out/*.template.json).
Directories are searched for ${lintedExtensions()
  .map((e) => `*${e}`)
  .join(', ')} files; files that are not AWS Backup files or templates
with AWS Backup resources are skipped (a file's content decides, not its name).

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
  --                         ends the options: what follows is a path even if it starts with "-"

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error: a path or glob that names no
file, a file that cannot be read or is too large, or nothing to lint at all.

In CI (for example a GitHub Actions step; upload the SARIF file to code scanning):
  npx pitr-lint --format sarif backup/ > pitr-lint.sarif    # exit 1 fails the job on errors
  npx pitr-lint "infra/**/*backup*.json" --severity PITR007=off
  npx pitr-lint template.yaml cdk.out/                       # CloudFormation and the CDK
`;

const LINT_FLAGS: CliFlags = {
  help: 'switch',
  version: 'switch',
  format: 'value',
  now: 'value',
  severity: 'value',
  kind: 'value',
  'max-file-size': 'value',
  'allow-other-files': 'switch',
};

interface Options {
  format: 'text' | 'json' | 'sarif';
  now?: Date;
  severity: Record<string, SeveritySetting>;
  globs: Record<string, DocumentFamily>;
  maxFileSize: SizeLimit;
  allowOtherFiles: boolean;
  inputs: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = {
    format: 'text',
    severity: {},
    globs: {},
    maxFileSize: { bytes: DEFAULT_MAX_FILE_MB * 1024 * 1024, megabytes: String(DEFAULT_MAX_FILE_MB) },
    allowOtherFiles: false,
    inputs: [],
  };
  for (const t of cliArgs(argv, LINT_FLAGS, { h: 'help' })) {
    if (t.kind !== 'flag') {
      const a = t.arg;
      if (t.kind === 'unknown') throw new UsageError(`unknown option ${shown(a)}`);
      if (a === '')
        throw new UsageError(
          'an empty argument is not a path: name a file, directory or glob ("." for this directory)',
        );
      o.inputs.push(a);
      continue;
    }
    const v = t.value;
    switch (t.flag) {
      case '--help':
        return 'help';
      case '--version':
        return 'version';
      case '--format':
        if (v !== 'text' && v !== 'json' && v !== 'sarif')
          throw new UsageError(`--format takes text, json or sarif, not ${shown(v)}`);
        o.format = v;
        break;
      case '--now': {
        o.now = parseIsoInstant(v);
        if (!o.now)
          throw new UsageError(`--now takes an ISO 8601 time such as 2025-08-01T12:00:00Z, not ${shown(v)}`);
        break;
      }
      case '--severity': {
        const m = /^([A-Z]+\d{3})=(error|warning|info|hint|off)$/.exec(v);
        if (!m) throw new UsageError(`--severity takes CODE=error|warning|info|hint|off, not ${shown(v)}`);
        if (!RULES_BY_CODE.has(m[1]!)) throw new UsageError(`--severity: unknown rule code "${m[1]}"`);
        o.severity[m[1]!] = m[2] as SeveritySetting;
        break;
      }
      case '--kind': {
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
        const mb = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
        if (!(mb > 0))
          throw new UsageError(`--max-file-size takes a size in megabytes such as 20, not ${shown(v)}`);
        o.maxFileSize = { bytes: mb * 1024 * 1024, megabytes: v };
        break;
      }
      case '--allow-other-files':
        // A switch: "--allow-other-files=false" must not quietly turn it on.
        if (t.inline) throw new UsageError(`--allow-other-files takes no value (not ${shown(t.arg)})`);
        o.allowOtherFiles = true;
        break;
    }
  }
  if (o.inputs.length === 0) throw new UsageError('no files given');
  return o;
}

/**
 * Control characters (terminal escapes among them), line and bidirectional-text controls shown as
 * \uXXXX, so a key, value or file name cannot rewrite the terminal or the line it is printed on.
 */
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
  /** A template's format and the documents it embeds. */
  embedding?: Pick<Recognition, 'format' | 'documents'>;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
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

  const found = new Collector(io, opts.maxFileSize);
  for (const input of opts.inputs) found.input(input);

  const reports: Report[] = [];
  let skippedJson = false;
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
    const notStarted = await prepareFormats(text, rel);
    if (notStarted !== undefined) {
      // Not a finding a --severity could turn off: the file was not checked at all.
      found.error(path, `the Terraform parser could not start, so this file was not checked: ${notStarted}`);
      continue;
    }
    const result = lint({
      text,
      fileName: rel,
      globs: opts.globs,
      severity: opts.severity,
      ...(invalidUtf8At !== undefined ? { invalidUtf8At } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
    if (!result) {
      // --kind names the kind of an AWS CLI JSON file; a template or .tf file is read by its content.
      const json = /\.json$/i.test(rel);
      skippedJson ||= json;
      if (explicit && !opts.allowOtherFiles)
        io.stderr(
          `pitr-lint: skipped ${shown(rel)}: ${json ? 'not a recognised AWS Backup file (use --kind to name its kind)' : 'no AWS Backup plan or selection in it (a CloudFormation template or Terraform file is read by its content)'}\n`,
        );
      continue;
    }
    reports.push({
      path: rel,
      uri: artifactUri(path, io.cwd),
      text,
      findings: result.findings,
      recognized: result.recognition.kind,
      ...(result.recognition.format
        ? { embedding: { format: result.recognition.format, documents: result.recognition.documents } }
        : {}),
    });
  }

  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  // Bidi and C1 characters of a file's path or a message are escaped (\uXXXX), as in the text output.
  if (opts.format === 'sarif') io.stdout(inertJson(toSarif(reports, io.version), 2) + '\n');
  else if (opts.format === 'json')
    io.stdout(
      inertJson(
        reports.map((r) => jsonReport(r)),
        2,
      ) + '\n',
    );
  else io.stdout(textReport(reports));
  if (found.ioError) return 2;
  if (reports.length === 0 && !opts.allowOtherFiles) {
    io.stderr(
      `pitr-lint: nothing was linted: no AWS Backup file among the paths given${skippedJson ? ' (use --kind to name the kind of a JSON file)' : ''}\n`,
    );
    return 2;
  }
  return errors > 0 ? 1 : 0;
}

function jsonReport(r: Report): object {
  const index = new LineIndex(r.text);
  return {
    file: r.path,
    ...(r.embedding
      ? { format: r.embedding.format, documents: r.embedding.documents }
      : { kind: r.recognized }),
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
        url: f.url ?? RULES_BY_CODE.get(f.code)?.url,
        ...(f.resource !== undefined ? { resource: f.resource } : {}),
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
