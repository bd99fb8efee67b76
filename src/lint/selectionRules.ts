import type { Node } from 'jsonc-parser';
import type { RuleContext } from './context';
import { isIamRoleArn } from '../backup/arn';
import { elements, keyOf, objectAnchor, properties, stringValue, valueOf } from './jsonAst';

/** Per resource assignment (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html; service model: BackupSelection.Resources). */
const MAX_ARNS = 500;
const MAX_WILDCARD_ARNS = 30;
const MAX_CONDITIONS = 30;
const MAX_TAGS = 30;

export function lintSelection(sel: Node | undefined, ctx: RuleContext): void {
  if (sel?.type !== 'object') return;
  for (const listName of ['Resources', 'NotResources'] as const) {
    const list = valueOf(sel, listName);
    const arns = elements(list)
      .map(stringValue)
      .filter((a): a is string => a !== undefined);
    const wild = arns.filter((a) => a.includes('*')).length;
    const plain = arns.length - wild;
    if (wild > MAX_WILDCARD_ARNS)
      ctx.report(
        'SEL001',
        keyOf(sel, listName)!,
        `${listName} has ${wild} ARNs with wildcards; a selection takes at most 30. Split it into several selections.`,
      );
    if (plain > MAX_ARNS)
      ctx.report(
        'SEL001',
        keyOf(sel, listName)!,
        `${listName} has ${plain} ARNs without wildcards; a selection takes at most 500. Split it into several selections.`,
      );
  }
  const conditions = valueOf(sel, 'Conditions');
  const conditionCount = properties(conditions).reduce((n, p) => n + elements(p.value).length, 0);
  if (conditionCount > MAX_CONDITIONS)
    ctx.report(
      'SEL001',
      keyOf(sel, 'Conditions')!,
      `Conditions holds ${conditionCount} conditions; a selection takes at most 30.`,
    );
  const tags = elements(valueOf(sel, 'ListOfTags')).length;
  if (tags > MAX_TAGS)
    ctx.report(
      'SEL001',
      keyOf(sel, 'ListOfTags')!,
      `ListOfTags holds ${tags} tags; a selection takes at most 30.`,
    );

  const hasResources = elements(valueOf(sel, 'Resources')).length > 0;
  if (!hasResources && tags === 0 && conditionCount === 0) {
    ctx.report(
      'SEL002',
      keyOf(sel, 'SelectionName') ?? objectAnchor(sel),
      'This selection has no Resources, ListOfTags or Conditions: AWS Backup will back up every supported resource that is opted in, in this account and Region. Name the resources or tags to back up.',
    );
  }
  const role = valueOf(sel, 'IamRoleArn');
  const roleArn = stringValue(role);
  if (role && roleArn !== undefined && !isIamRoleArn(roleArn)) {
    ctx.report(
      'SEL003',
      role,
      `IamRoleArn "${roleArn}" is not an IAM role ARN. Use "arn:aws:iam::<account-id>:role/<role-name>", e.g. the service role "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole".`,
    );
  }
}
