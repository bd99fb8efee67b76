import { strict as assert } from 'node:assert';
import { BackupClient, CreateBackupPlanCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../../src/emulator/server';

/** SigV4 as AWS checks it: requests signed by the real SDK, then spoiled one way at a time. */
describe('the emulator checks SigV4 signatures', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
  });
  after(() => emu.close());

  const client = (extra: Partial<ConstructorParameters<typeof BackupClient>[0]> = {}) =>
    new BackupClient({
      region: emu.region,
      endpoint: emu.url,
      credentials: DEFAULT_CREDENTIALS,
      maxAttempts: 1,
      ...extra,
    });
  const rejected = async (
    c: BackupClient,
    cmd: ListBackupVaultsCommand | CreateBackupPlanCommand,
    name: string,
    message: RegExp,
  ) => {
    try {
      await c.send(cmd as ListBackupVaultsCommand);
      assert.fail('the request was accepted');
    } catch (e) {
      const err = e as { name: string; message: string; $metadata: { httpStatusCode: number } };
      assert.equal(err.name, name, err.message);
      assert.match(err.message, message);
      assert.equal(err.$metadata.httpStatusCode, 403);
    } finally {
      c.destroy();
    }
  };

  it('accepts a correctly signed request', async () => {
    const c = client();
    const r = await c.send(new ListBackupVaultsCommand({}));
    assert.ok(r.BackupVaultList!.length > 0);
    c.destroy();
  });

  it('rejects a wrong secret', () =>
    rejected(
      client({ credentials: { ...DEFAULT_CREDENTIALS, secretAccessKey: 'wrong' } }),
      new ListBackupVaultsCommand({}),
      'InvalidSignatureException',
      /signature we calculated does not match/,
    ));

  it('rejects an unknown access key', () =>
    rejected(
      client({ credentials: { accessKeyId: 'AKIANOTKNOWN', secretAccessKey: 'x' } }),
      new ListBackupVaultsCommand({}),
      'UnrecognizedClientException',
      /security token included in the request is invalid/,
    ));

  it('rejects a stale timestamp (signed 20 minutes ago)', () =>
    rejected(
      client({ systemClockOffset: -20 * 60_000 }),
      new ListBackupVaultsCommand({}),
      'InvalidSignatureException',
      /Signature expired/,
    ));

  it('rejects a body changed after signing', async () => {
    const c = client();
    c.middlewareStack.addRelativeTo(
      ((next: (a: unknown) => Promise<unknown>) => async (args: { request: { body?: unknown } }) => {
        // Same length, so only the signature can tell.
        const req = args.request;
        const text =
          typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body as Uint8Array);
        req.body = new TextEncoder().encode(text.replace('"tampered-plan"', '"swappedX-plan"'));
        return next(args);
      }) as Parameters<typeof c.middlewareStack.addRelativeTo>[0],
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamper' },
    );
    await rejected(
      c,
      new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'tampered-plan', Rules: [] } }),
      'InvalidSignatureException',
      /does not match/,
    );
    assert.ok(
      ![...emu.state.plans.values()].some((p) => p.BackupPlan.BackupPlanName === 'swappedX-plan'),
      'nothing was created',
    );
  });
});
