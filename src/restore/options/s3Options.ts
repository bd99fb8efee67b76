/**
 * The S3 restore options the AWS Backup console offers, as steps of the restore flow: what to restore
 * (the whole bucket, or up to five objects or prefixes), the encryption (as in the backup, SSE-S3, or
 * SSE-KMS with a key), and whether ACLs are restored. Each starts at the recovery point's own value;
 * a value left as it is stays exactly as GetRecoveryPointRestoreMetadata returned it.
 */
import { noIcons } from '../../aws/awsText';
import { parseArn } from '../../backup/arn';
import { answer, restoreFactsOf, type Flow, type StepRun } from '../wizardSteps/flow';
import type { Choice } from '../wizardSteps/ui';
import { sourceBucketOf } from '../wizardSteps/words';
import type { S3OptionAnswers } from './answers';
import { changeOf, keyIn, type Change } from './changes';
import { ENCRYPTION_TYPES, itemsOf, kmsKeyProblem, readItems } from './s3Checks';
import { S3 } from '../../backup/resourceTypes';

const valueOf = (m: Readonly<Record<string, string>>, key: string): string | undefined => m[keyIn(m, key)];

/** The answers a restore starts with: the recovery point's own metadata. */
export function initialS3Answers(meta: Readonly<Record<string, string>>): S3OptionAnswers {
  const items = itemsOf(meta);
  return {
    scope: items?.length ? 'items' : 'bucket',
    items: items ?? [],
    encryption: valueOf(meta, 'EncryptionType') ?? '',
    kmsKey: valueOf(meta, 'KMSKey') ?? '',
    acls: valueOf(meta, 'RestoreACLs') ?? '',
  };
}

/** What the answers change in the metadata; nothing when every answer is the service's own value. */
export function s3Changes(meta: Readonly<Record<string, string>>, a: S3OptionAnswers): Change[] {
  const kms = a.encryption === 'SSE-KMS';
  return [
    changeOf(meta, 'ItemsToRestore', a.scope === 'items' ? JSON.stringify(a.items) : undefined),
    changeOf(meta, 'EncryptionType', a.encryption || undefined),
    // KMSKey goes with SSE-KMS only (restoring-s3.html: "only needed if encryption is SSE-KMS").
    changeOf(meta, 'KMSKey', kms ? a.kmsKey.trim() : undefined),
    changeOf(meta, 'RestoreACLs', a.acls || undefined),
  ].filter((c): c is Change => c !== undefined);
}

/** The answers so far, started from the recovery point's metadata on first use. */
async function answersOf(f: Flow): Promise<S3OptionAnswers> {
  return (f.s.s3 ??= initialS3Answers((await f.restoreMetadata()).metadata));
}

const isS3Options = (f: Flow): boolean => !f.bare && restoreFactsOf(f.resourceType())?.options === 's3';

/** A choice marked as the recovery point's own value, when it is. */
const marked = <T extends string>(c: Choice<T>, own: string | undefined): Choice<T> =>
  c.value === (own ?? '')
    ? { ...c, description: `${c.description ? `${c.description} · ` : ''}as in the recovery point` }
    : c;

/** Options a: the whole bucket, or some of its objects and prefixes. */
export const s3ScopeStep: StepRun = async (f, canGoBack) => {
  if (!isS3Options(f)) return 'skip';
  const a = await answersOf(f);
  const bucket = sourceBucketOf(f.s.point) ?? 'the bucket';
  const r = await f.ui.pick(f.header('options'), {
    placeholder: `What to restore from ${bucket}?`,
    canGoBack,
    items: Promise.resolve<Choice<'bucket' | 'items'>[]>([
      { label: 'The whole bucket', detail: 'Every object as it was at the restore time.', value: 'bucket' },
      {
        label: 'Up to five objects or prefixes…',
        detail: `An item-level restore: typed as ${S3.name} URIs of this bucket; a prefix ends with "/".`,
        value: 'items',
      },
    ]),
    active: a.scope,
  });
  return answer(r, (scope) => (a.scope = scope));
};

/** Options b: the items, checked as they are typed. */
export const s3ItemsStep: StepRun = async (f, canGoBack) => {
  if (!isS3Options(f) || f.s.s3?.scope !== 'items') return 'skip';
  const a = await answersOf(f);
  const bucket = sourceBucketOf(f.s.point) ?? '';
  const r = await f.ui.input(f.header('options'), {
    prompt: `Up to five ${S3.name} URIs in ${bucket}, separated by spaces (e.g. s3://${bucket}/invoices/ for a prefix, s3://${bucket}/reports/2025.csv for one object)`,
    ...(a.items.length ? { value: a.items.join(' ') } : {}),
    canGoBack,
    check: (text) => readItems(text, bucket).check,
  });
  return answer(r, (text) => (a.items = readItems(text, bucket).items));
};

/** Options c: the encryption of the restored objects. */
export const s3EncryptionStep: StepRun = async (f, canGoBack) => {
  if (!isS3Options(f)) return 'skip';
  const a = await answersOf(f);
  const own = valueOf((await f.restoreMetadata()).metadata, 'EncryptionType');
  const words: Record<(typeof ENCRYPTION_TYPES)[number], Omit<Choice<string>, 'value'>> = {
    original: { label: "Keep the backup's encryption", description: 'EncryptionType "original"' },
    'SSE-S3': { label: 'SSE-S3', description: `keys managed by Amazon ${S3.name}` },
    'SSE-KMS': { label: 'SSE-KMS with a key…', description: 'a KMS key of yours, by ARN or alias' },
  };
  const items: Choice<string>[] = [
    ...(own === undefined || !(ENCRYPTION_TYPES as readonly string[]).includes(own)
      ? [
          {
            label: own === undefined ? 'Leave EncryptionType out' : `EncryptionType "${noIcons(own)}"`,
            detail: 'The service decides.',
            value: own ?? '',
          },
        ]
      : []),
    ...ENCRYPTION_TYPES.map((t) => ({ ...words[t], value: t })),
  ].map((c) => marked(c, own));
  const r = await f.ui.pick(f.header('options'), {
    placeholder: 'Encrypt the restored objects how?',
    canGoBack,
    items: Promise.resolve(items),
    active: a.encryption,
  });
  return answer(r, (e) => (a.encryption = e));
};

/** The Region the restore runs in: the recovery point's, else the connection's. */
const regionOf = (f: Flow): string | undefined =>
  parseArn(f.s.point?.RecoveryPointArn)?.region || f.s.api?.connection.region;

/** Options d: the KMS key for SSE-KMS. */
export const s3KmsKeyStep: StepRun = async (f, canGoBack) => {
  if (!isS3Options(f) || f.s.s3?.encryption !== 'SSE-KMS') return 'skip';
  const a = await answersOf(f);
  const region = regionOf(f);
  const r = await f.ui.input(f.header('options'), {
    prompt: `The KMS key for SSE-KMS: its ARN or alias, in ${region ?? 'the restore’s Region'} (e.g. arn:aws:kms:${region ?? 'us-east-1'}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab or alias/orders-restore)`,
    ...(a.kmsKey ? { value: a.kmsKey } : {}),
    canGoBack,
    check: (text) => {
      const problem = kmsKeyProblem(text, region);
      return problem ? { severity: 'error', message: problem } : undefined;
    },
  });
  return answer(r, (key) => (a.kmsKey = key.trim()));
};

/** Options e: restore the ACLs or not, with what that takes. */
export const s3AclsStep: StepRun = async (f, canGoBack) => {
  if (!isS3Options(f)) return 'skip';
  const a = await answersOf(f);
  const own = valueOf((await f.restoreMetadata()).metadata, 'RestoreACLs');
  const items: Choice<string>[] = [
    ...(own === undefined
      ? [{ label: 'Leave RestoreACLs out', detail: 'The service decides.', value: '' }]
      : []),
    {
      label: 'Do not restore ACLs',
      description: 'RestoreACLs "false"',
      detail:
        'AWS recommends leaving ACLs disabled on buckets, and controlling access with policies instead.',
      value: 'false',
    },
    {
      label: 'Restore the ACLs',
      description: 'RestoreACLs "true"',
      detail: 'ACLs restore only into a bucket with ACLs enabled: otherwise the job fails.',
      value: 'true',
    },
    ...(own !== undefined && own !== 'true' && own !== 'false'
      ? [{ label: `RestoreACLs "${noIcons(own)}"`, value: own }]
      : []),
  ].map((c) => marked(c, own));
  const r = await f.ui.pick(f.header('options'), {
    placeholder: 'Restore the objects’ access control lists (ACLs)?',
    canGoBack,
    items: Promise.resolve(items),
    active: a.acls,
  });
  return answer(r, (v) => (a.acls = v));
};

export const S3_OPTION_STEPS: readonly StepRun[] = [
  s3ScopeStep,
  s3ItemsStep,
  s3EncryptionStep,
  s3KmsKeyStep,
  s3AclsStep,
];
