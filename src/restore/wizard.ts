/**
 * "Restore to a Point in Time…": the steps, their order, Back, and the checks of every answer,
 * without `vscode`. The window UI comes in as a `WizardUi` (quick picks and input boxes in the
 * editor; a scripted fake in unit tests). The result is a start-restore-job document: nothing
 * starts here — the document is shown, linted and confirmed first (src/restore/startGate.ts).
 *
 * Steps: connection → vault → recovery point → restore time → destination → options (S3: items,
 * encryption, ACLs; RDS and Aurora: "Adjust settings…") → IAM role. Each step is in
 * src/restore/wizardSteps/ or src/restore/options/. From the explorer the flow starts at the restore
 * time, its point already chosen; for a bare restore-metadata file it asks the recovery point and the
 * role only.
 */
import { randomUUID } from 'node:crypto';
import { accountOf } from '../backup/arn';
import type { RestorableWindow } from '../backup/restorableWindow';
import { applyChanges, rememberChanges, type Change } from './options/changes';
import { dbChanges, dbSettingsStep } from './options/dbSettings';
import { S3_OPTION_STEPS, s3Changes } from './options/s3Options';
import { buildRestoreRequest } from './restoreRequest';
import { destinationNameStep, s3TargetStep } from './wizardSteps/destinationSteps';
import {
  makeFlow,
  restoreFactsOf,
  type State,
  type StepRun,
  type WizardOptions,
  type WizardResult,
} from './wizardSteps/flow';
import { connectionStep, pointStep, vaultStep } from './wizardSteps/pointSteps';
import { roleInputStep, roleStep } from './wizardSteps/roleSteps';
import { timeInputStep, timeModeStep } from './wizardSteps/timeSteps';
import type { WizardUi } from './wizardSteps/ui';

export { BACK } from './wizardSteps/ui';
export type {
  Back,
  Choice,
  InputCheck,
  InputOptions,
  PickOptions,
  StepHeader,
  WizardUi,
} from './wizardSteps/ui';
export type { WizardOptions, WizardResult } from './wizardSteps/flow';
export { bothTimes, checkTypedTime, suggestedIdentifier } from './wizardSteps/words';
export { accountOf };

/** The steps in order. A step that does not apply to the answers so far skips itself. */
const STEPS = {
  connection: connectionStep,
  vault: vaultStep,
  point: pointStep,
  timeMode: timeModeStep,
  timeInput: timeInputStep,
  s3Target: s3TargetStep,
  destinationName: destinationNameStep,
  ...Object.fromEntries(S3_OPTION_STEPS.map((run, i) => [`s3Option${i}`, run])),
  dbSettings: dbSettingsStep,
  role: roleStep,
  roleInput: roleInputStep,
} satisfies Record<string, StepRun>;
const ORDER = Object.keys(STEPS);
const RUNS: StepRun[] = Object.values(STEPS);
/** What a bare restore-metadata file is asked: its metadata decides everything else. */
const BARE = new Set(['connection', 'vault', 'point', 'role', 'roleInput']);

/**
 * Runs the steps with Back. Resolves with the document to review, or undefined when the user
 * cancelled. Errors from AWS (listing vaults or points, reading the metadata) are thrown as they are.
 */
/** The window with its end at the latest second the pick showed: "latest" sends that very second where a time is sent. */
function windowAsShown(w: RestorableWindow, shown: Date | undefined): RestorableWindow {
  return shown && w.kind === 'continuous' ? { ...w, latest: shown } : w;
}

export async function runRestoreWizard(ui: WizardUi, o: WizardOptions): Promise<WizardResult | undefined> {
  const s: State = o.start ? { api: o.start.api, vault: o.start.vault, point: o.start.point } : {};
  const f = makeFlow(ui, o, s);
  const history: number[] = [];
  let i = 0;
  const w0 = f.windowNow();
  if (o.start?.time && !f.bare && (w0.kind === 'continuous' || w0.kind === 'continuous-open-end')) {
    // A second picked on the timeline: straight to it; Back offers "latest" instead.
    Object.assign(s, { timeMode: 'specific', time: o.start.time });
    history.push(ORDER.indexOf('timeMode'));
    i = ORDER.indexOf('timeInput');
  }
  while (i < RUNS.length) {
    if (f.bare && !BARE.has(ORDER[i]!)) {
      i++;
      continue;
    }
    const r = await RUNS[i]!(f, history.length > 0);
    if (r === 'cancel') return undefined;
    if (r === 'back') {
      const prev = history.pop();
      if (prev === undefined) return undefined;
      i = prev;
    } else {
      if (r === 'next') history.push(i);
      i++;
    }
  }

  const api = s.api!;
  const point = s.point!;
  const vault = s.vault ?? point.BackupVaultName ?? '';
  const meta = await f.restoreMetadata();
  const type = point.ResourceType ?? meta.resourceType ?? '';
  if (f.bare)
    return {
      api,
      vault,
      point,
      document: {
        RecoveryPointArn: point.RecoveryPointArn ?? '',
        Metadata: { ...o.metadata },
        IamRoleArn: s.role!,
        ResourceType: type,
        IdempotencyToken: randomUUID(),
      },
      changes: [],
    };
  const built = buildRestoreRequest({
    recoveryPointArn: point.RecoveryPointArn ?? '',
    resourceType: type,
    restoreMetadata: meta.metadata,
    window: windowAsShown(f.windowNow(), s.latestShown),
    answers: {
      time: s.timeMode === 'specific' && s.time ? s.time : 'latest',
      destination: s.destination ?? '',
      iamRoleArn: s.role!,
    },
    ...(s.s3Target === 'new' && restoreFactsOf(type)?.options === 's3' ? { newBucket: true } : {}),
  });
  if ('errors' in built) throw new Error(`The restore cannot be prepared: ${built.errors.join(' ')}`);
  // The options change only their own keys, against the metadata as the service returned it.
  const changes: Change[] = [
    ...(s.s3 && restoreFactsOf(type)?.options === 's3' ? s3Changes(meta.metadata, s.s3) : []),
    ...(s.db ? dbChanges(type, meta.metadata, s.db) : []),
  ];
  const document = { ...built, Metadata: applyChanges(built.Metadata, changes) };
  rememberChanges(document.IdempotencyToken, changes);
  return { api, vault, point, document, changes };
}
