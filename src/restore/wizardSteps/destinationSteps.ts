/** Step 5 of the restore flow: where the data goes (S3: which bucket; RDS, Aurora: a new name). */
import { bucketNameProblem, dbIdentifierProblem } from '../../lint/restoreRules';
import { answer, type StepRun } from './flow';
import { sourceBucketOf, suggestedIdentifier } from './words';

/** 5a. S3: which bucket. */
export const s3TargetStep: StepRun = async (f, canGoBack) => {
  const { s } = f;
  if (f.bare || f.resourceType() !== 'S3') return 'skip';
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
  const type = f.resourceType();
  if (f.bare || !['S3', 'RDS', 'Aurora'].includes(type) || (type === 'S3' && s.s3Target === 'source'))
    return 'skip';
  const what =
    type === 'S3'
      ? s.s3Target === 'new'
        ? 'new bucket name'
        : 'existing bucket name'
      : type === 'RDS'
        ? 'new DB instance identifier'
        : 'new Aurora DB cluster identifier';
  const source =
    type === 'S3'
      ? sourceBucketOf(s.point)
      : (s.point?.ResourceName ?? s.point?.ResourceArn?.split(/[:/]/).pop());
  // A name that says what it is, for whatever the restore creates (a new bucket, instance or cluster).
  const suggested =
    type === 'S3' && s.s3Target !== 'new'
      ? undefined
      : suggestedIdentifier(source, s.time ?? s.latestShown ?? f.now());
  const r = await f.ui.input(f.header('destination'), {
    prompt: `The ${what}${type === 'S3' ? '' : ' (a restore always creates a new one; the name must be unused in the account and Region)'}`,
    ...(s.destination && s.s3Target !== 'source'
      ? { value: s.destination }
      : suggested
        ? { value: suggested }
        : {}),
    canGoBack,
    check: (text) => {
      const name = text.trim();
      const problem = type === 'S3' ? bucketNameProblem(name) : dbIdentifierProblem(name);
      if (problem) return { severity: 'error', message: `Not a valid ${what}: it ${problem}.` };
      if (type !== 'S3' && source && name.toLowerCase() === source.toLowerCase())
        return {
          severity: 'warning',
          message: `${name} is the source's own identifier: the restore creates a new one and fails while ${name} exists. Choose an unused name.`,
        };
      return undefined;
    },
  });
  return answer(r, (name) => (s.destination = name.trim()));
};
