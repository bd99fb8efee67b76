/** Step 4 of the restore flow: the point in time (latest, or a second typed and checked live). */
import { isoSeconds } from '../restoreRequest';
import { answer, isContinuous, restoreFactsOf, type StepRun } from './flow';
import { BACK, type Choice } from './ui';
import { agoText, bothTimes, checkTypedTime, windowWords } from './words';

/** 4a. Restore time: latest, or a chosen second (continuous points only). */
export const timeModeStep: StepRun = async (f, canGoBack) => {
  const w = f.windowNow();
  if (f.bare || !isContinuous(w)) return 'skip';
  const items: Choice<'latest' | 'specific'>[] = [];
  if (w.kind === 'continuous')
    items.push({
      label: 'Latest restorable time',
      // The restore lag: the latest restorable second is behind the clock (the record per type's lag).
      description: `${agoText(w.latest, f.now())}, ${bothTimes(w.latest, f.tz)}`,
      detail: restoreFactsOf(f.resourceType())?.explicitTime
        ? `Sent as that exact second: an ${f.resourceType()} restore needs an explicit RestoreTime.`
        : 'The service restores to the latest time it can when the job runs.',
      value: 'latest',
    });
  items.push({
    label: 'A specific second…',
    description: windowWords(w, f.tz),
    detail: 'Typed as ISO 8601 (2025-08-01T02:14:37Z) or as your local date and time (2025-08-01 02:14:37).',
    value: 'specific',
  });
  const r = await f.ui.pick(f.header('time'), {
    placeholder: 'Restore to which point in time?',
    canGoBack,
    items: Promise.resolve(items),
    ...(f.s.timeMode ? { active: f.s.timeMode } : {}),
  });
  return answer(r, (m) => {
    f.s.timeMode = m;
    // The second the pick showed, to the second: sent as it is (an S3 restore needs a RestoreTime).
    if (m === 'latest' && w.kind === 'continuous')
      f.s.latestShown = new Date(Math.floor(w.latest.getTime() / 1000) * 1000);
  });
};

/** 4b. The second, checked live against the window and the restore lag. */
export const timeInputStep: StepRun = async (f, canGoBack) => {
  const { s } = f;
  if (f.bare || s.timeMode !== 'specific') return 'skip';
  const r = await f.ui.input(f.header('time'), {
    // Examples go in the prompt: a placeholder looks like a value already filled in.
    prompt:
      'Restore time: ISO 8601 with Z or an offset, or your local date and time (e.g. 2025-08-01T02:14:37Z or 2025-08-01 02:14:37)',
    ...(s.time ? { value: isoSeconds(s.time) } : {}),
    canGoBack,
    check: (text) => checkTypedTime(text, f.windowNow(), f.tz).check,
  });
  if (r === undefined) return 'cancel';
  if (r === BACK) return 'back';
  const t = checkTypedTime(r, f.windowNow(), f.tz);
  if (!('time' in t)) return 'cancel'; // the input box only accepts a checked answer
  s.time = t.time;
  return 'next';
};
