import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DELETING_MS, RERUN_DELAY_MS } from '../../../src/emulator/handlers/vaults';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from '../aws/awsTestEnv';

const run = promisify(execFile);

/**
 * The AWS CLI (botocore, a client nobody here wrote) stopping and deleting recovery points on the
 * emulator: each resource type's result, the lock's refusal with the service's error, DELETING,
 * and the plan's next run (the emulator's clock moved on, not waited for).
 */
describe('AWS CLI: delete-recovery-point and disassociate-recovery-point per type', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let ahead = 0;

  let env: ReturnType<typeof isolateAwsEnvironment>;

  before(async () => {
    // The CLI signs with the "emulator" profile of the test's own config files, nothing of the machine's.
    env = isolateAwsEnvironment();
    emu = await startEmulator({ bulkRecoveryPoints: 5, clock: () => new Date(Date.now() + ahead) });
  });
  after(async () => {
    await emu.close();
    env.restore();
  });

  /** `aws backup <args>`: the exit code, the parsed output, and the error text. */
  async function cli(
    ...args: string[]
  ): Promise<{ code: number; out: Record<string, unknown>; err: string }> {
    const argv = ['backup', ...args, '--profile', 'emulator', '--endpoint-url', emu.url, '--output', 'json'];
    try {
      const { stdout, stderr } = await run('aws', argv, {
        env: { ...process.env, AWS_PAGER: '' },
        encoding: 'utf8',
      });
      return {
        code: 0,
        out: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {},
        err: stderr,
      };
    } catch (e) {
      const x = e as { code?: unknown; stderr?: string; message: string };
      if (typeof x.code !== 'number')
        throw new Error(`could not run the AWS CLI (is "aws" installed?): ${x.message}`);
      return { code: x.code, out: {}, err: x.stderr ?? '' };
    }
  }
  /** An operation on one recovery point of a vault. */
  const onPoint = (operation: string, arn: string, vault = 'prod-pitr') =>
    cli(operation, '--backup-vault-name', vault, '--recovery-point-arn', arn);
  const arnOf = (vault: string, type: string, continuous: boolean): string => {
    const p = [...emu.state.recoveryPoints.values()].find(
      (x) =>
        x.BackupVaultName === vault &&
        x.ResourceType === type &&
        x.RecoveryPointArn.includes(':continuous:') === continuous &&
        x.Status === 'COMPLETED',
    );
    assert.ok(p, `no ${type} point in ${vault}`);
    return p.RecoveryPointArn;
  };
  const describe_ = (arn: string) => onPoint('describe-recovery-point', arn);

  it('disassociate S3: STOPPED, and still there to restore from', async () => {
    const arn = arnOf('prod-pitr', 'S3', true);
    const r = await onPoint('disassociate-recovery-point', arn);
    assert.equal(r.code, 0, r.err);
    const d = await describe_(arn);
    assert.equal(d.out.Status, 'STOPPED');
    const meta = await onPoint('get-recovery-point-restore-metadata', arn);
    assert.equal((meta.out.RestoreMetadata as Record<string, string>).DestinationBucketName, 'orders-bucket');
  });

  it('disassociate RDS: released, gone from AWS Backup', async () => {
    const arn = arnOf('prod-pitr', 'RDS', true);
    const r = await onPoint('disassociate-recovery-point', arn);
    assert.equal(r.code, 0, r.err);
    const d = await describe_(arn);
    assert.notEqual(d.code, 0);
    assert.match(d.err, /ResourceNotFoundException/);
  });

  it('disassociate a snapshot: refused', async () => {
    const arn = arnOf('prod-pitr', 'RDS', false);
    const r = await onPoint('disassociate-recovery-point', arn);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /InvalidRequestException.*Only continuous backups can be disassociated/);
  });

  it('delete in a compliance-locked vault within its minimum retention: the service refuses', async () => {
    const young = [...emu.state.recoveryPoints.values()]
      .filter((p) => p.BackupVaultName === 'compliance-locked')
      .sort((a, b) => b.CreationDate.getTime() - a.CreationDate.getTime())[0]!;
    const r = await onPoint('delete-recovery-point', young.RecoveryPointArn, 'compliance-locked');
    assert.notEqual(r.code, 0);
    assert.match(r.err, /\(InvalidRequestException\).*locked with a minimum retention of 7 days/);
    assert.ok(emu.state.recoveryPoints.has(young.RecoveryPointArn));
  });

  it('delete a snapshot: DELETING, then gone; deleting it again meanwhile is refused', async () => {
    const arn = arnOf('prod-pitr', 'S3', false);
    const r = await onPoint('delete-recovery-point', arn);
    assert.equal(r.code, 0, r.err);
    assert.equal((await describe_(arn)).out.Status, 'DELETING');
    const again = await onPoint('delete-recovery-point', arn);
    assert.match(again.err, /InvalidResourceStateException/);
    ahead += DELETING_MS + 1000;
    assert.match((await describe_(arn)).err, /ResourceNotFoundException/);
  });

  it("delete the Aurora continuous point: gone, and back at the plan's next run", async () => {
    const arn = arnOf('prod-pitr', 'Aurora', true);
    const r = await onPoint('delete-recovery-point', arn);
    assert.equal(r.code, 0, r.err);
    const aurora = async () =>
      (
        (
          await cli(
            'list-recovery-points-by-backup-vault',
            '--backup-vault-name',
            'prod-pitr',
            '--by-resource-type',
            'Aurora',
          )
        ).out.RecoveryPoints as { RecoveryPointArn: string; Status: string }[]
      ).filter((p) => p.RecoveryPointArn.includes(':continuous:'));
    assert.deepEqual(await aurora(), []);
    ahead += RERUN_DELAY_MS + 1000;
    const back = await aurora();
    assert.equal(back.length, 1);
    assert.notEqual(back[0]!.RecoveryPointArn, arn);
    assert.equal(back[0]!.Status, 'COMPLETED');
  });
});
