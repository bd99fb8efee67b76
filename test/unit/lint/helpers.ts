import { lint, type LintInput } from '../../../src/lint';
import type { Finding } from '../../../src/lint/types';

export const NOW = new Date('2025-08-01T12:00:00Z');

export interface Seen extends Finding {
  /** The document text under the finding's range. */
  at: string;
}

export function run(text: string, opts: Partial<LintInput> = {}): Seen[] {
  const r = lint({ text, now: NOW, fileName: opts.fileName ?? 'file.json', ...opts });
  if (!r) throw new Error('not recognised');
  return r.findings.map((f) => ({ ...f, at: text.slice(f.offset, f.offset + f.length) }));
}

export function codes(text: string, opts: Partial<LintInput> = {}): string[] {
  return run(text, opts).map((f) => f.code);
}

export function only(text: string, code: string, opts: Partial<LintInput> = {}): Seen[] {
  return run(text, opts).filter((f) => f.code === code);
}

/** Applies a finding's first fix and returns the new text. */
export function applyFix(text: string, f: Finding, index = 0): string {
  const fix = f.fixes?.[index];
  if (!fix) throw new Error(`${f.code} has no fix`);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

export function plan(rule: Record<string, unknown>, extraRules: Record<string, unknown>[] = []): string {
  return JSON.stringify(
    {
      BackupPlanName: 'p',
      Rules: [{ RuleName: 'r1', TargetBackupVaultName: 'Default', ...rule }, ...extraRules],
    },
    null,
    2,
  );
}

/** The extension's global state, in memory: what survives a window reload. */
export class MemoryStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}
