/**
 * What every step of the restore flow shares: the options it was started with, the answers so far,
 * the step header, and how a step's outcome moves the flow (next, back, skipped, cancelled).
 */
import type { BackupApi } from '../../aws/backupApi';
import type { PointSummary } from '../../backup/recoveryPoint';
import { resourceType, type RestoreFacts } from '../../backup/resourceTypes';
import { windowOfRecoveryPoint, type RestorableWindow } from '../../backup/restorableWindow';
import type { Change } from '../options/changes';
import type { DbSettingsAnswers, S3OptionAnswers } from '../options/answers';
import type { StartRestoreJobDocument } from '../restoreRequest';
import { BACK, type Back, type StepHeader, type WizardUi } from './ui';

export interface WizardOptions {
  /** The connections to choose from (the first is the current one). */
  apis: readonly BackupApi[];
  /**
   * Start from this point (the explorer's context menu, the timeline): the flow begins at the restore
   * time; with `time` (a second picked on the timeline), at that second, typed in for the user to check.
   */
  start?: { api: BackupApi; vault: string; point: PointSummary; time?: Date };
  /** A bare restore-metadata file: its metadata is kept as written; only the point and role are asked. */
  metadata?: Record<string, string>;
  /** Role ARNs used before, most recent first. */
  recentRoles?: readonly string[];
  /** The caller's account (STS GetCallerIdentity), when the connection already knows it. */
  callerAccountId?: string;
  now?: () => Date;
  /** The user's time zone (undefined: the runtime's). */
  timeZone?: string;
  signal?: AbortSignal;
}

export interface WizardResult {
  api: BackupApi;
  vault: string;
  point: PointSummary;
  document: StartRestoreJobDocument;
  /** The metadata values the person changed from what the service returned (marked in the review). */
  changes: Change[];
}

export const TITLE = 'Restore to a Point in Time';

/** The answers so far. Going Back keeps them; choosing another point forgets what depended on it. */
export interface State {
  api?: BackupApi;
  vault?: string;
  vaultArn?: string;
  point?: PointSummary;
  timeMode?: 'latest' | 'specific';
  time?: Date;
  /** The latest restorable second the "latest" pick showed: what an S3 restore sends. */
  latestShown?: Date;
  s3Target?: 'source' | 'existing' | 'new';
  destination?: string;
  s3?: S3OptionAnswers;
  db?: DbSettingsAnswers;
  roleChoice?: string;
  role?: string;
  /** GetRecoveryPointRestoreMetadata of the chosen point, read once. */
  restoreMetadata?: { arn: string; metadata: Record<string, string>; resourceType?: string };
}

export type Step = 'next' | 'back' | 'skip' | 'cancel';

/** The numbered steps a person sees ("Step 3 of 6"). */
export type Main = 'connection' | 'vault' | 'point' | 'time' | 'destination' | 'options' | 'role';

/**
 * The restore facts of the point's type, from the record per type: its destination step and options
 * step (S3's items, encryption and ACLs; a database's settings), undefined for a type with none.
 */
export function restoreFactsOf(type: string): RestoreFacts | undefined {
  return resourceType(type)?.restore;
}

export interface Flow {
  ui: WizardUi;
  o: WizardOptions;
  s: State;
  /** A bare restore-metadata file: only the point and the role are asked. */
  bare: boolean;
  now(): Date;
  tz: string | undefined;
  windowNow(): RestorableWindow;
  resourceType(): string;
  header(m: Main): StepHeader;
  /** The chosen point's restore metadata, as the service returned it (one request per point). */
  restoreMetadata(): Promise<{ metadata: Record<string, string>; resourceType?: string }>;
}

/** A window a time can be picked in (the time step is shown). */
export const isContinuous = (w: RestorableWindow): boolean =>
  w.kind === 'continuous' || w.kind === 'continuous-open-end';

export type StepRun = (f: Flow, canGoBack: boolean) => Promise<Step>;

/** What an answer means for the flow; `set` keeps a real answer. */
export function answer<T>(r: T | Back | undefined, set: (v: T) => void): Step {
  if (r === undefined) return 'cancel';
  if (r === BACK) return 'back';
  set(r);
  return 'next';
}

export function makeFlow(ui: WizardUi, o: WizardOptions, s: State): Flow {
  const now = o.now ?? ((): Date => new Date());
  const bare = o.metadata !== undefined;
  const resourceType = (): string => s.point?.ResourceType ?? '';
  const windowNow = (): RestorableWindow => windowOfRecoveryPoint(s.point ?? {}, now());
  const mains = (): Main[] =>
    (['connection', 'vault', 'point', 'time', 'destination', 'options', 'role'] as const).filter(
      (m: Main) =>
        (m === 'connection' ? o.apis.length > 1 && !o.start : true) &&
        (m === 'vault' || m === 'point' ? !o.start : true) &&
        // Once the point is chosen, only the steps it shows are counted: a snapshot has no time to
        // pick; a type without options or a named destination has neither step.
        (m === 'time' ? !bare && (!s.point || isContinuous(windowNow())) : true) &&
        (m === 'destination'
          ? !bare && (!s.point || restoreFactsOf(resourceType())?.destination !== undefined)
          : true) &&
        (m === 'options'
          ? !bare && (!s.point || restoreFactsOf(resourceType())?.options !== undefined)
          : true),
    );
  return {
    ui,
    o,
    s,
    bare,
    now,
    tz: o.timeZone,
    windowNow,
    resourceType,
    header: (m) => ({
      title: bare ? 'Start a Restore Job from Restore Metadata' : TITLE,
      step: mains().indexOf(m) + 1,
      totalSteps: mains().length,
    }),
    async restoreMetadata() {
      const arn = s.point?.RecoveryPointArn ?? '';
      if (s.restoreMetadata?.arn !== arn) {
        const vault = s.vault ?? s.point?.BackupVaultName ?? '';
        const r = await s.api!.getRecoveryPointRestoreMetadata(vault, arn, {
          ...(o.signal ? { signal: o.signal } : {}),
        });
        s.restoreMetadata = {
          arn,
          metadata: r.RestoreMetadata ?? {},
          ...(r.ResourceType ? { resourceType: r.ResourceType } : {}),
        };
      }
      return s.restoreMetadata;
    },
  };
}
