/** Deterministic pseudo-random numbers (mulberry32), so a failing fuzz case can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'BackupPlanName',
  'Rules',
  'RuleName',
  'TargetBackupVaultName',
  'ScheduleExpression',
  'Lifecycle',
  'DeleteAfterDays',
  'MoveToColdStorageAfterDays',
  'EnableContinuousBackup',
  'CopyActions',
  'DestinationBucketName',
  'RestoreTime',
  'Metadata',
  'RecoveryPointArn',
  'ResourceType',
  'SelectionName',
  'IamRoleArn',
  'Resources',
  'StartWindowMinutes',
  'CompletionWindowMinutes',
  'x',
  'é',
  '__proto__',
  'constructor',
];
const STRINGS = [
  'cron(0 5 * * *)',
  'cron(0 5 ? * * *)',
  'rate(1 hour)',
  '2025-08-01T11:30:27Z',
  'S3',
  'RDS',
  'arn:aws:s3:::b',
  '',
  'SSE-KMS',
  '[]',
  '["s3://b/k"]',
  '\u0000\u2028',
  'Europe/Paris',
];

export function randomJson(next: () => number, depth: number): unknown {
  const r = next();
  if (depth <= 0 || r < 0.3) {
    const k = Math.floor(next() * 6);
    if (k === 0) return Math.floor(next() * 100) - 10;
    if (k === 1) return next() < 0.5;
    if (k === 2) return null;
    if (k === 3) return next() < 0.5 ? next() * 1e6 : [1e3, 30.5, 1e308, -1, 90][Math.floor(next() * 5)];
    return STRINGS[Math.floor(next() * STRINGS.length)];
  }
  if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--)
    o[KEYS[Math.floor(next() * KEYS.length)]!] = randomJson(next, depth - 1);
  return o;
}

/** Inserts, deletes or replaces a few characters with JSON-ish noise. */
export function mutate(text: string, next: () => number): string {
  const noise = [
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '\\',
    '/',
    '*',
    '//',
    '/*',
    '\n',
    ' ',
    '0',
    '-',
    'e',
    'true',
    'nul',
    '\u00e9',
    '\ud800',
  ];
  let out = text;
  for (let i = 1 + Math.floor(next() * 3); i > 0; i--) {
    const at = Math.floor(next() * (out.length + 1));
    const op = next();
    if (op < 0.4) out = out.slice(0, at) + noise[Math.floor(next() * noise.length)]! + out.slice(at);
    else if (op < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 5));
    else out = out.slice(0, at) + noise[Math.floor(next() * noise.length)]! + out.slice(at + 1);
  }
  return out;
}

/** `text` with a fix's edits applied (from the last to the first, so offsets stay valid). */
export function applyEdits(
  text: string,
  edits: readonly { offset: number; length: number; newText: string }[],
): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/** Whether Python's json module, as the AWS CLI uses it, reads `text`: strict JSON, no BOM. */
export function isStrictJson(text: string): boolean {
  if (text.charCodeAt(0) === 0xfeff) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
