/** The last step of the restore flow: the IAM role AWS Backup assumes. */
import { IAM_ROLE_ARN_FORM, defaultBackupRoleArn, isIamRoleArn } from '../../backup/arn';
import { answer, type StepRun } from './flow';
import type { Choice } from './ui';
import { accountOfRestore } from './words';

/** 6a. IAM role: the account's default AWS Backup role, recent roles, or another. */
export const roleStep: StepRun = async (f, canGoBack) => {
  const { o, s } = f;
  const acct = accountOfRestore(s.point, s.vaultArn, o.callerAccountId);
  const offered = [
    ...(o.recentRoles ?? []).filter((r) => isIamRoleArn(r)),
    ...(acct ? [defaultBackupRoleArn(acct.accountId, acct.partition)] : []),
  ].filter((r, i, all) => all.indexOf(r) === i);
  const items: Choice<string>[] = offered.map((arn) => ({
    label: arn.replace(/^.*:role\//, ''),
    description: (o.recentRoles ?? []).includes(arn) ? 'used recently' : 'AWS Backup default role',
    detail: arn,
    value: arn,
  }));
  items.push({ label: 'Another role ARN…', value: '' });
  const r = await f.ui.pick(f.header('role'), {
    placeholder: 'Which IAM role does AWS Backup use for the restore?',
    canGoBack,
    items: Promise.resolve(items),
    ...(s.roleChoice !== undefined ? { active: s.roleChoice } : {}),
  });
  return answer(r, (arn) => {
    s.roleChoice = arn;
    if (arn) s.role = arn;
  });
};

/** 6b. Another role, typed. */
export const roleInputStep: StepRun = async (f, canGoBack) => {
  const { o, s } = f;
  if (s.roleChoice !== '') return 'skip';
  const acct = accountOfRestore(s.point, s.vaultArn, o.callerAccountId);
  const example = defaultBackupRoleArn(acct?.accountId ?? '123456789012', acct?.partition);
  const r = await f.ui.input(f.header('role'), {
    // No placeholder: a grey example ARN looks filled in, and Enter on an empty box is refused.
    prompt: `The IAM role ARN AWS Backup assumes to restore (e.g. ${example})`,
    ...(s.role ? { value: s.role } : {}),
    canGoBack,
    check: (text) =>
      isIamRoleArn(text.trim())
        ? undefined
        : { severity: 'error', message: `Not an IAM role ARN (${IAM_ROLE_ARN_FORM}).` },
  });
  return answer(r, (arn) => (s.role = arn.trim()));
};
