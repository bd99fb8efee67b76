/** Step 5 of the restore flow: where the data goes (a bucket: which one; a database: a new name). */
import { bucketNameProblem, dbIdentifierProblem } from '../../lint/restoreRules';
import { answer, restoreFactsOf, type StepRun } from './flow';
import { sourceBucketOf, suggestedIdentifier } from './words';

/** 5a. A bucket: which one. */
export const s3TargetStep: StepRun = async (f, canGoBack) => {
  const { s } = f;
  if (f.bare || restoreFactsOf(f.resourceType())?.destination?.nameKind !== 'bucket') return 'skip';
  const source = sourceBucketOf(s.point);
  const r = await f.ui.pick(f.header('destination'), {
    placeholder: 'Restore into which bucket?',
    canGoBack,
    items: Promise.resolve([
      {
        label: `The source bucket${source ? ` (${source})` : ''}`,
        detail: 'Objects that exist there are skipped, never overwritten.',
        value: 'source' as const,
      },
      {
        label: 'An existing bucket…',
        detail: 'It must have versioning turned on.',
        value: 'existing' as const,
      },
      {
        label: 'A new bucket…',
        detail: 'Created by the restore (a new bucket is billed).',
        value: 'new' as const,
      },
    ]),
    ...(s.s3Target ? { active: s.s3Target } : {}),
  });
  return answer(r, (t) => {
    s.s3Target = t;
    if (t === 'source' && source) s.destination = source;
  });
};

/** 5b. The destination's name. */
export const destinationNameStep: StepRun = async (f, canGoBack) => {
  const { s } = f;
  const destination = restoreFactsOf(f.resourceType())?.destination;
  const bucket = destination?.nameKind === 'bucket';
  if (f.bare || !destination || (bucket && s.s3Target === 'source')) return 'skip';
  const what = bucket ? `${s.s3Target === 'new' ? 'new' : 'existing'} ${destination.what}` : destination.what;
  const source = bucket
    ? sourceBucketOf(s.point)
    : (s.point?.ResourceName ?? s.point?.ResourceArn?.split(/[:/]/).pop());
  // A name that says what it is, for whatever the restore creates (a new bucket, instance or cluster).
  const suggested =
    !destination.alwaysNew && s.s3Target !== 'new'
      ? undefined
      : suggestedIdentifier(source, s.time ?? s.latestShown ?? f.now());
  const r = await f.ui.input(f.header('destination'), {
    prompt: `The ${what}${destination.alwaysNew ? ' (a restore always creates a new one; the name must be unused in the account and Region)' : ''}`,
    ...(s.destination && s.s3Target !== 'source'
      ? { value: s.destination }
      : suggested
        ? { value: suggested }
        : {}),
    canGoBack,
    check: (text) => {
      const name = text.trim();
      const problem = bucket ? bucketNameProblem(name) : dbIdentifierProblem(name);
      if (problem) return { severity: 'error', message: `Not a valid ${what}: it ${problem}.` };
      if (!bucket && source && name.toLowerCase() === source.toLowerCase())
        return {
          severity: 'warning',
          message: `${name} is the source's own identifier: the restore creates a new one and fails while ${name} exists. Choose an unused name.`,
        };
      return undefined;
    },
  });
  return answer(r, (name) => (s.destination = name.trim()));
};
