/**
 * The server's settings: `initializationOptions` first, then `workspace/configuration` per document
 * (when the client offers it), each value checked, so a malformed setting is ignored rather than
 * trusted. Defaults are `pitr-lint`'s: every file linted by content, every rule at its severity.
 */
import { globError } from '../lint/glob';
import {
  DEFAULT_TIME_BUDGET_MS,
  type LspInitializationOptions,
  type LspLintSettings,
} from '../lint/lspProtocol';
import type { DocumentFamily, SeveritySetting } from '../lint/types';

export interface Settings {
  enable: boolean;
  files: Record<string, DocumentFamily>;
  severity: Record<string, SeveritySetting>;
  live: boolean;
}

const FAMILIES = new Set(['backup-plan', 'backup-selection', 'restore-metadata', 'start-restore-job']);
const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pick<T extends string>(
  v: unknown,
  allowed: Set<string>,
  key: (k: string) => boolean,
): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v))
    if (typeof x === 'string' && allowed.has(x) && key(k)) out[k] = x as T;
  return out;
}

/** `over` laid on `base`, each field only if it has the right shape. */
export function mergeSettings(base: Settings, over: unknown): Settings {
  if (!isRecord(over)) return base;
  const o = over as LspLintSettings;
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : base.enable,
    files: isRecord(o.files)
      ? pick<DocumentFamily>(o.files, FAMILIES, (k) => globError(k) === undefined)
      : base.files,
    severity: isRecord(o.severity)
      ? pick<SeveritySetting>(o.severity, LEVELS, (k) => /^[A-Z]+\d{3}$/.test(k))
      : base.severity,
    live: typeof o.live === 'boolean' ? o.live : base.live,
  };
}

export const DEFAULT_SETTINGS: Settings = { enable: true, files: {}, severity: {}, live: true };

/** The time budget per document, within sane bounds. */
export function timeBudgetOf(init: LspInitializationOptions): number {
  const v = init.timeBudgetMs;
  return typeof v === 'number' && Number.isFinite(v)
    ? Math.min(Math.max(v, 50), 600_000)
    : DEFAULT_TIME_BUDGET_MS;
}
