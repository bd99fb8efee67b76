/**
 * Every setting of the extension, typed, with the scope that says where its value may come from: one
 * table and one rule, as rust-analyzer's `Config` does. package.json declares the same settings for
 * VS Code; a test keeps the two in step (scope, default, type, bounds, restricted).
 *
 * The rule (`pickSetting`), applied here and not left to VS Code:
 * - a **machine** setting (where signed requests go, whose credentials sign, what a verdict demands)
 *   is the user's own value only, never a workspace's, trusted or not: a cloned repository cannot
 *   redirect requests signed with your credentials nor relax the posture's targets;
 * - a **restricted** setting (which files are linted) is the user's own value in an untrusted
 *   workspace, and the workspace's too once it is trusted;
 * - any other setting: the folder's value, else the workspace's, else the user's.
 * A value of the wrong type is the default; a number outside its bounds is brought inside them.
 * No `vscode` here, so the rule is tested in plain Node.
 */

type Scope = 'machine' | 'window' | 'resource';

interface Spec<T> {
  scope: Scope;
  /** In package.json's `restrictedConfigurations`: what VS Code says of it in an untrusted workspace. */
  restricted: boolean;
  default: T;
  /** The value as this type, or undefined when it is not one. */
  read: (v: unknown) => T | undefined;
  /** A number's bounds (package.json's minimum and maximum). */
  bounds?: [number, number];
}

const bool = (scope: Scope, d: boolean, restricted = false): Spec<boolean> => ({
  scope,
  restricted,
  default: d,
  read: (v) => (typeof v === 'boolean' ? v : undefined),
});

const text = (scope: Scope, d: string, restricted = false): Spec<string> => ({
  scope,
  restricted,
  default: d,
  read: (v) => (typeof v === 'string' ? v.trim() : undefined),
});

const num = (scope: Scope, d: number, min: number, max: number, restricted = false): Spec<number> => ({
  scope,
  restricted,
  default: d,
  bounds: [min, max],
  read: (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : undefined),
});

const list = (scope: Scope, restricted = false): Spec<string[]> => ({
  scope,
  restricted,
  default: [],
  read: (v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined),
});

/** An object of strings; a number or boolean value is kept as its text (the caller says it is wrong). */
const map = (scope: Scope, restricted = false): Spec<Record<string, string>> => ({
  scope,
  restricted,
  default: {},
  read: (v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
    return out;
  },
});

/** Every setting, by its name under `awsBackupPitr.`. */
export const SETTINGS = {
  'lint.enable': bool('resource', true),
  'lint.files': map('resource', true),
  'lint.severity': map('resource'),
  'lint.debounceMilliseconds': num('resource', 200, 0, 5000),
  'lint.live': bool('resource', true),
  'aws.profile': text('machine', '', true),
  'aws.region': text('machine', '', true),
  'aws.endpoint': text('machine', '', true),
  'aws.maxAttempts': num('machine', 4, 1, 10),
  'aws.regions': list('machine', true),
  'explorer.pageSize': num('window', 100, 1, 1000),
  'explorer.jobsDays': num('window', 14, 1, 90),
  'posture.profiles': list('machine', true),
  'posture.organizationProfile': text('machine', '', true),
  'posture.rpoTargets': map('machine', true),
  'posture.rtoTargets': map('machine', true),
  'posture.drRpoTargets': map('machine', true),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends Spec<infer T> ? T : never;

/** What VS Code's `inspect` says of a setting: the values each place gives it. */
export interface SettingSources {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** The value a setting takes from its sources, by its scope and whether the workspace is trusted. */
export function pickSetting<K extends SettingKey>(
  key: K,
  sources: SettingSources | undefined,
  trusted: boolean,
): SettingValue<K> {
  const spec = SETTINGS[key] as Spec<unknown>;
  const userOnly = spec.scope === 'machine' || (spec.restricted && !trusted);
  const order = userOnly
    ? [sources?.globalValue]
    : [sources?.workspaceFolderValue, sources?.workspaceValue, sources?.globalValue];
  for (const v of order) {
    if (v === undefined) continue;
    const read = spec.read(v);
    if (read !== undefined) return read as SettingValue<K>;
  }
  return spec.default as SettingValue<K>;
}
