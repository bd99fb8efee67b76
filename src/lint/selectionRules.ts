import type { Node } from 'jsonc-parser';
import type { RuleContext } from './context';
import { isIamRoleArn } from '../backup/arn';
import { elements, keyOf, objectAnchor, properties, stringValue, valueOf } from './jsonAst';
import { isUnknown } from './formats/types';

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

  const conditionsProblem = conditions ? malformedConditions(conditions) : undefined;
  if (conditionsProblem)
    ctx.report(
      'SEL004',
      keyOf(sel, 'Conditions')!,
      `Conditions is malformed: ${conditionsProblem}. The service rejects the selection; it does not select everything. Write an object of StringEquals, StringNotEquals, StringLike or StringNotLike lists, each of {"ConditionKey": "aws:ResourceTag/<key>", "ConditionValue": "<value>"}.`,
    );

  const hasResources = elements(valueOf(sel, 'Resources')).length > 0;
  // A selector that is there but malformed is reported as such (SEL004, SCHEMA003), and one known
  // only at deployment may select anything: neither is a selection that selects everything.
  const notEmpty = (['Resources', 'ListOfTags', 'Conditions'] as const).some((name) => {
    const v = valueOf(sel, name);
    if (v === undefined) return false;
    if (isUnknown(v)) return true;
    return name === 'Conditions' ? conditionsProblem !== undefined : v.type !== 'array';
  });
  if (!hasResources && tags === 0 && conditionCount === 0 && !notEmpty) {
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

/** The operators of BackupSelection.Conditions (service model: Conditions; API_Conditions.html). */
const CONDITION_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'];

/**
 * What is wrong with a Conditions value, or undefined when it has the model's shape: an object whose
 * members are the four operators, each a list of {ConditionKey, ConditionValue}
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Conditions.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ConditionParameter.html).
 */
function malformedConditions(conditions: Node): string | undefined {
  // A value known only at deployment (a template's intrinsic, a Terraform expression) is never malformed.
  if (isUnknown(conditions)) return undefined;
  if (conditions.type === 'array')
    return 'it is a list, the shape of ListOfTags ({ConditionType, ConditionKey, ConditionValue}), not an object of operators';
  if (conditions.type !== 'object')
    return `it is ${conditions.type === 'null' ? 'null' : `a ${conditions.type}`}, not an object`;
  for (const p of properties(conditions)) {
    if (!CONDITION_OPERATORS.includes(p.name))
      return `"${p.name}" is not one of ${CONDITION_OPERATORS.join(', ')}`;
    if (isUnknown(p.value)) continue;
    if (p.value?.type !== 'array') return `${p.name} is not a list of conditions`;
    for (const c of elements(p.value)) {
      if (isUnknown(c)) continue;
      if (c.type !== 'object')
        return `${p.name} holds ${c.type === 'array' ? 'a list' : `a ${c.type}`}, not a {ConditionKey, ConditionValue} object`;
      const names = properties(c).map((q) => q.name);
      const odd = names.find((n) => n !== 'ConditionKey' && n !== 'ConditionValue');
      if (odd !== undefined)
        return `a condition in ${p.name} has "${odd}"; a condition has only ConditionKey and ConditionValue`;
      const known = (name: string): boolean => {
        const v = valueOf(c, name);
        return isUnknown(v) || stringValue(v) !== undefined;
      };
      if (!known('ConditionKey') || !known('ConditionValue'))
        return `a condition in ${p.name} lacks a string ConditionKey or ConditionValue`;
    }
  }
  return undefined;
}
