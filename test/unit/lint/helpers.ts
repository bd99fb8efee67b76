import { collect, openBackupApi, type BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import type { PointSummary } from '../../../src/backup/recoveryPoint';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
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

/**
 * The emulator (seeded, without the bulk vault's points) and a door to it over real HTTP, started
 * before a describe block's tests and closed after them.
 */
export function emulatorForTests(): { readonly emu: Emulator; readonly api: BackupApi } {
  let emu: Emulator | undefined;
  let api: BackupApi | undefined;
  const factory = new BackupClientFactory({ maxAttempts: 1 });
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    api = await openBackupApi(factory, { region: emu.region, endpoint: emu.url, localEmulator: true });
  });
  after(async () => {
    factory.dispose();
    await emu?.close();
  });
  return {
    get emu() {
      return emu!;
    },
    get api() {
      return api!;
    },
  };
}

/** The seeded recovery point of `name` in prod-pitr, continuous or a snapshot. */
export async function seededPoint(api: BackupApi, name: string, continuous: boolean): Promise<PointSummary> {
  const all = await collect(api.listRecoveryPoints('prod-pitr'));
  const p = all.find(
    (x) => x.ResourceName === name && x.RecoveryPointArn?.includes(':continuous:') === continuous,
  );
  if (!p) throw new Error(`${name} is not seeded`);
  return p;
}
