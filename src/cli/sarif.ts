import { pathToFileURL } from 'node:url';
import { RULES } from '../lint/rules';
import type { Finding, Severity } from '../lint/types';
import { LineIndex } from '../lint/position';

export interface FileReport {
  /** Path relative to the working directory, with forward slashes. */
  path: string;
  /** The file as a URI reference: relative to the working directory when inside it (see artifactUri). */
  uri: string;
  text: string;
  findings: Finding[];
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/**
 * A file's SARIF artifact URI: percent-encoded as a file URL is (`#`, `?`, `%`, spaces, non-ASCII),
 * relative to `cwd` when the file is inside it, else the absolute `file:` URL.
 */
export function artifactUri(absolutePath: string, cwd: string): string {
  const file = pathToFileURL(absolutePath).href;
  const dir = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  return file.startsWith(dir) ? file.slice(dir.length) : file;
}

/** SARIF 2.1.0, as GitHub code scanning and other tools read it. Lines and columns are 1-based. */
export function toSarif(reports: FileReport[], version: string): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pitr-lint',
            version,
            informationUri:
              'https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html',
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.code,
              shortDescription: { text: r.title },
              helpUri: r.url,
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((rep) => {
          const index = new LineIndex(rep.text);
          return rep.findings.map((f) => {
            const s = index.position(f.offset);
            const e = index.position(f.offset + f.length);
            return {
              ruleId: f.code,
              ruleIndex: ruleIndex.get(f.code) ?? -1,
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: rep.uri },
                    region: {
                      startLine: s.line + 1,
                      startColumn: s.character + 1,
                      endLine: e.line + 1,
                      endColumn: e.character + 1,
                    },
                  },
                  // In a template: the resource (logical ID) the finding belongs to.
                  ...(f.resource !== undefined
                    ? { logicalLocations: [{ name: f.resource, kind: 'resource' }] }
                    : {}),
                },
              ],
              // The AWS page of this finding, where it is not the rule's own (a selection's SCHEMA003).
              ...(f.url !== undefined ? { properties: { helpUri: f.url } } : {}),
            };
          });
        }),
      },
    ],
  };
}
