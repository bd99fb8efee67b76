/**
 * How long the emulator's restore testing jobs (and its seeded restore history) take: a fixed start-up
 * per type plus the backup's size over a throughput per type. AWS publishes no restore throughput (NOT
 * FOUND in AWS's documentation), so these figures are the emulator's own, chosen only so that durations
 * differ by type and grow with size. One anchor: a 2 TB point-in-time S3 restore took about 26 hours in
 * one public user report (issue 24), about 22 MB/s, used for S3. RDS point-in-time restores also grow
 * with the transaction logs to replay (https://repost.aws/knowledge-center/rds-point-in-time-restore-issues),
 * which this model leaves out.
 * StartRestoreJob keeps its configured duration (seconds, for tests and demos): see server.ts.
 */
const MINUTE = 60_000;

interface Speed {
  /** Start-up before any byte moves, in minutes. */
  startMinutes: number;
  /** Bytes a second once it runs. */
  bytesPerSecond: number;
}

const SPEED: Record<string, Speed> = {
  S3: { startMinutes: 10, bytesPerSecond: 22e6 },
  RDS: { startMinutes: 12, bytesPerSecond: 150e6 },
  Aurora: { startMinutes: 20, bytesPerSecond: 35e6 },
  EBS: { startMinutes: 3, bytesPerSecond: 250e6 },
  DynamoDB: { startMinutes: 5, bytesPerSecond: 100e6 },
};
const OTHER: Speed = { startMinutes: 10, bytesPerSecond: 100e6 };

/** The emulator's duration of a restore of `bytes` of a `type` backup, times `factor` (run-to-run spread). */
export function restoreDurationMs(type: string, bytes: number, factor = 1): number {
  const s = SPEED[type] ?? OTHER;
  return Math.round((s.startMinutes * MINUTE + (Math.max(0, bytes) / s.bytesPerSecond) * 1000) * factor);
}
