import { strict as assert } from 'node:assert';
import { ActiveConnection } from '../../../src/aws/activeConnection';
import type { BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { Emitter } from '../../../src/aws/events';

describe('the active connection, shared by the explorer and restore', () => {
  const endpoint = 'http://127.0.0.1:9';
  let factory: BackupClientFactory;
  let active: ActiveConnection;
  let logged: string[];
  beforeEach(() => {
    factory = new BackupClientFactory();
    logged = [];
    active = new ActiveConnection(factory, { info: () => undefined, error: (m) => logged.push(m) });
  });
  afterEach(() => {
    active.dispose();
    factory.dispose();
  });

  it('tells every listener of a connect and a disconnect, and its doors follow', async () => {
    const heard: (string | undefined)[] = [];
    const sub = active.onDidChange((api) => heard.push(api?.connection.region));
    active.onDidChange((api) => heard.push(api ? `second ${api.connection.region}` : 'second none'));
    const api = await active.connect({ region: 'us-east-1', endpoint, localEmulator: true }, [
      'eu-west-1',
      'us-east-1',
    ]);
    assert.deepEqual(heard, ['us-east-1', 'second us-east-1']);
    assert.equal(active.api, api);
    assert.deepEqual(
      active.apis.map((a) => a.connection.region),
      ['us-east-1', 'eu-west-1'],
      'its own Region first, each Region once',
    );
    assert.equal(await active.apiForRegion('eu-west-1'), active.apis[1]);
    assert.equal((await active.apiForRegion('ap-south-1'))?.connection.endpoint, endpoint);

    sub.dispose();
    active.disconnect();
    assert.deepEqual(
      heard,
      ['us-east-1', 'second us-east-1', 'second none'],
      'a disposed listener hears nothing',
    );
    assert.equal(active.api, undefined);
    assert.deepEqual(active.apis, []);
    assert.equal(await active.apiForRegion('us-east-1'), undefined);
  });

  it('a listener that throws does not keep the others from hearing', async () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((e) => errors.push(e));
    const heard: number[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((n) => heard.push(n));
    emitter.fire(1);
    assert.deepEqual(heard, [1]);
    assert.equal((errors[0] as Error).message, 'boom');
    // And the connection's own listeners: one failing listener does not fail the connect.
    active.onDidChange(() => {
      throw new Error('a broken listener');
    });
    const api: BackupApi = await active.connect({ region: 'us-east-1', endpoint, localEmulator: true });
    assert.equal(active.api, api);
    assert.deepEqual(logged, ['a listener of the AWS connection failed: a broken listener']);
  });

  it('restore jobs started here are known to the explorer, and each start or end is announced with its Region', () => {
    const regions: string[] = [];
    active.restoreJobs.onDidChange((r) => regions.push(r));
    active.restoreJobs.record(['job-1', undefined]);
    assert.equal(active.restoreJobs.startedHere('job-1'), true);
    assert.equal(active.restoreJobs.startedHere('job-2'), false);
    active.restoreJobs.jobChanged('eu-west-1', 'job-2');
    active.restoreJobs.jobChanged('us-east-1');
    assert.equal(active.restoreJobs.startedHere('job-2'), true);
    assert.deepEqual(regions, ['eu-west-1', 'us-east-1']);
  });
});
