import { strict as assert } from 'node:assert';
import { lint } from '../../../../src/lint';
import { NOW } from '../helpers';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  NightlyTests:
    Type: AWS::Backup::RestoreTestingPlan
    Properties:
      RestoreTestingPlanName: nightly_tests
      ScheduleExpression: cron(0 1 ? * SUN *)
      StartWindowHours: 200
      RecoveryPointSelection:
        Algorithm: LATEST_WITHIN_WINDOW
        IncludeVaults: ['*']
        RecoveryPointTypes: [CONTINUOUS]
      Tags:
        - Key: team
          Value: storage
  Tables:
    Type: AWS::Backup::RestoreTestingSelection
    Properties:
      RestoreTestingPlanName: !Ref NightlyTests
      RestoreTestingSelectionName: tables
      ProtectedResourceType: DynamoDB
      IamRoleArn: !GetAtt RestoreRole.Arn
      ProtectedResourceArns: ['*']
      ValidationWindowHours: 4
`;

describe('lint: restore testing plans and selections in CloudFormation', () => {
  const run = (text: string) => lint({ text, now: NOW, fileName: 'stack.yaml' })!;

  it('AWS::Backup::RestoreTestingPlan: StartWindowHours 200 is an error on the value, with its fix', () => {
    const r = run(TEMPLATE);
    assert.equal(r.recognition.format, 'cloudformation');
    const f = r.findings.find((x) => x.code === 'RTP001')!;
    assert.equal(f.severity, 'error');
    assert.equal(f.resource, 'NightlyTests');
    assert.equal(TEMPLATE.slice(f.offset, f.offset + f.length), '200');
    const edit = f.fixes![0]!.edits[0]!;
    const fixed = TEMPLATE.slice(0, edit.offset) + edit.newText + TEMPLATE.slice(edit.offset + edit.length);
    assert.match(fixed, /StartWindowHours: 168\n/);
    assert.ok(!run(fixed).findings.some((x) => x.code === 'RTP001'));
  });

  it('the plan’s CONTINUOUS-only points for a selection of a type without continuous backup select nothing', () => {
    const r = run(TEMPLATE);
    const f = r.findings.find((x) => x.code === 'RTP009')!;
    assert.equal(f.resource, 'Tables');
    assert.equal(TEMPLATE.slice(f.offset, f.offset + f.length), 'DynamoDB');
    assert.ok(
      !run(TEMPLATE.replace('[CONTINUOUS]', '[CONTINUOUS, SNAPSHOT]')).findings.some(
        (x) => x.code === 'RTP009',
      ),
    );
    assert.ok(!run(TEMPLATE.replace('DynamoDB', 'Aurora')).findings.some((x) => x.code === 'RTP009'));
  });

  it('Tags and RestoreTestingPlanName are the resource’s own properties, not unknown members; intrinsics are not judged', () => {
    const codes = run(
      TEMPLATE.replace('StartWindowHours: 200', 'StartWindowHours: 24').replace('[CONTINUOUS]', '[SNAPSHOT]'),
    ).findings.map((x) => x.code);
    assert.deepEqual(codes, []);
    const typo = run(TEMPLATE.replace('ValidationWindowHours', 'ValidationWindowHour')).findings.map(
      (x) => x.code,
    );
    assert.ok(typo.includes('CFN001') || typo.includes('SCHEMA001'), typo.join(', '));
  });
});
