import { join } from 'node:path';

/** The CloudFormation and CDK templates the tests lint (realistic ones, right and wrong). */
export const TEMPLATE_DIR = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'cloudformation',
);
export const TEMPLATES: readonly string[] = [
  'seminar.yaml',
  'seminar.json',
  'mistakes.yaml',
  'intrinsics.yaml',
  'more-rules.yaml',
  'good.yaml',
  'cdk.out/PitrStack.template.json',
];
