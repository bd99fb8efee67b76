import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
// Types only: the extension's objects come from its own bundle.
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import type { RecoveryPointNode } from '../../../src/explorer/nodes/vault';
import { api, connectToEmulator, emulatorControl, fileUri } from './helpers';
import { pick, Script, type } from './script';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const control = emulatorControl;

interface Received {
  operation: string;
  input: Record<string, unknown>;
}
const received = async (operation: string): Promise<Received[]> =>
  ((await control('requests')) as Received[]).filter((r) => r.operation === operation);

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('point-in-time restore in a real VS Code host, against the emulator', function () {
  this.timeout(60_000);
  let ext: Awaited<ReturnType<typeof api>>;

  before(async () => {
    ext = await api();
    await connectToEmulator(ext);
    // Restore jobs end a second after they start (the explorer tests use long-running ones).
    await control('config', { restoreJobDurationMs: 1_000 });
  });
  afterEach(async () => {
    ext.restore.setPrompts(undefined);
    await control('faults', {});
    // Review documents are untitled and dirty: revert them as they close (no save prompt).
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  after(() => control('config', { restoreJobDurationMs: 60_000 }));

  const kids = (n?: ExplorerNode) => ext.explorer.tree.getChildren(n);
  async function pointNode(name: string, continuous: boolean): Promise<RecoveryPointNode> {
    const groups = await kids((await kids())[0]);
    const vaults = await kids(groups.find((g) => g.view().label === 'Backup vaults'));
    const vault = vaults.find((v) => v.view().label === 'prod-pitr');
    const points = (await kids(vault)) as RecoveryPointNode[];
    const p = points.find(
      (x) =>
        x.view().contextValue.startsWith('awsBackupPitr.recoveryPoint') &&
        x.point.ResourceName === name &&
        (x.point.RecoveryPointArn?.includes(':continuous:') ?? false) === continuous,
    );
    assert.ok(p, `${name} is not listed`);
    return p;
  }
  /** The tree flow on orders-db's continuous point: latest time, a new instance, the default role. */
  async function reviewTreeRestore(
    name: string,
  ): Promise<{ node: RecoveryPointNode; script: Script; uri: vscode.Uri }> {
    const node = await pointNode('orders-db', true);
    const script = new Script([
      pick(/Latest restorable time/),
      type(name),
      pick(/^Continue with these settings/),
      pick(/AWSBackupDefaultServiceRole/),
    ]);
    ext.restore.setPrompts(script);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(
      'awsBackupPitr.restore.fromRecoveryPoint',
      node,
    );
    return { node, script, uri };
  }
  const jobCount = async (): Promise<number> => {
    let n = 0;
    for await (const page of ext.explorer.connections.api!.listRestoreJobs()) n += page.items.length;
    return n;
  };
  const documentOf = async (uri: vscode.Uri): Promise<Record<string, unknown>> =>
    JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as Record<string, unknown>;

  it('palette: restores an S3 bucket to a chosen second; the emulator receives exactly the reviewed metadata', async () => {
    const node = await pointNode('orders-bucket', true);
    assert.equal(node.window.kind, 'continuous');
    if (node.window.kind !== 'continuous') return;
    const at = new Date(Math.floor((node.window.latest.getTime() - 3 * 3_600_000) / 1000) * 1000);
    const script = new Script([
      pick(/^prod-pitr/),
      pick(/orders-bucket PITR/),
      pick(/specific second/),
      type(iso(at)),
      pick(/existing bucket/),
      type('orders-restore'),
      pick(/^The whole bucket/),
      pick(/^SSE-S3/),
      pick(/^Do not restore ACLs/),
      pick(/AWSBackupDefaultServiceRole/),
    ]);
    ext.restore.setPrompts(script);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('awsBackupPitr.restore.pointInTime');
    assert.ok(uri, 'the flow opens the request for review');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const reviewed = await documentOf(uri);
    assert.deepEqual(reviewed.Metadata, {
      DestinationBucketName: 'orders-restore',
      Encrypted: 'true',
      EncryptionType: 'SSE-S3',
      RestoreACLs: 'false',
      RestoreTime: iso(at),
    });
    const startsBefore = (await received('StartRestoreJob')).length;

    // The review document is linted as a start-restore-job and offers the start above it.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['$(play) Start restore job', '$(copy) Copy as AWS CLI command'],
    );
    assert.equal(ext.lintResultFor(uri)?.result.recognition.kind, 'start-restore-job');
    assert.equal(startsBefore, (await received('StartRestoreJob')).length, 'nothing starts on review');

    const cli = await vscode.commands.executeCommand<string>('awsBackupPitr.restore.copyCliCommand', uri);
    assert.equal(await vscode.env.clipboard.readText(), cli);
    assert.match(cli, new RegExp(`--idempotency-token ${String(reviewed.IdempotencyToken)}`));
    assert.match(cli, /--endpoint-url http:\/\/127\.0\.0\.1:\d+/);

    const before = await jobCount();
    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    assert.ok(jobId, 'a job started');
    const c = script.confirmations[0];
    assert.ok(c);
    assert.match(
      c.message,
      new RegExp(`^Restore orders-bucket to ${iso(at).replace('T', ' ').replace('Z', '')} UTC · `),
    );
    assert.match(c.detail, /objects that already exist in the destination bucket are skipped/);
    const sent = (await received('StartRestoreJob')).at(-1)!.input;
    assert.deepEqual(sent.Metadata, reviewed.Metadata);
    assert.equal(sent.IdempotencyToken, reviewed.IdempotencyToken);
    assert.equal(sent.IamRoleArn, ROLE);

    // Once started, the review is a read-only document of the same content: closing it asks nothing.
    const untitled = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(!untitled || (!untitled.isDirty && untitled.isClosed), 'no dirty Untitled tab is left');
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.uri.scheme, 'aws-backup-pitr-review');
    assert.equal(shown.isDirty, false);
    assert.deepEqual(JSON.parse(shown.getText()), reviewed);
    assert.ok(
      !vscode.window.tabGroups.all.some((g) =>
        g.tabs.some(
          (t) => t.isDirty && t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'untitled',
        ),
      ),
      'no tab asks to be saved',
    );

    // Starting the same request again (a double click, a retry) is the same job.
    const again = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      shown.uri,
    );
    assert.equal(again, jobId);
    assert.equal(await jobCount(), before + 1);

    const end = await ext.restore.whenFollowed(jobId);
    assert.equal(end?.status, 'COMPLETED');
    assert.equal(end?.createdResourceArn, 'arn:aws:s3:::orders-restore');
    assert.equal(ext.restore.jobs.all().find((j) => j.jobId === jobId)?.status, 'COMPLETED');
  });

  it('tree: from a recovery point, starting at the time step; an RDS instance at its latest time', async () => {
    const { node, script, uri } = await reviewTreeRestore('orders-db-tree-restore');
    assert.equal(script.asked[0], 'Restore to which point in time?');
    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    const sent = (await received('StartRestoreJob')).at(-1)!.input;
    assert.equal(sent.RecoveryPointArn, node.point.RecoveryPointArn);
    assert.deepEqual(sent.Metadata, {
      ...(sent.Metadata as Record<string, string>),
      DBInstanceIdentifier: 'orders-db-tree-restore',
      UseLatestRestorableTime: 'true',
    });
    assert.equal((sent.Metadata as Record<string, string>).RestoreTime, undefined);
    assert.match(script.confirmations[0]!.detail, /a new DB instance "orders-db-tree-restore"/);
    const end = await ext.restore.whenFollowed(jobId);
    assert.equal(end?.status, 'COMPLETED');
  });

  it('after the start: the hint is gone, the record is exactly what was sent, and it offers no start', async () => {
    const { script, uri } = await reviewTreeRestore('orders-db-record');
    assert.equal(script.hints.length, 1);
    assert.match(script.hints[0]!.message, /Nothing has started yet/);
    assert.equal(script.hints[0]!.closed, false, 'shown while the review is open and nothing started');
    // Typed into the review while the confirmation is up: the request confirmed is the one sent and recorded.
    script.confirm = async (c) => {
      script.confirmations.push(c);
      const doc = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        uri,
        new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)),
        '{"typed": "after"}',
      );
      await vscode.workspace.applyEdit(edit);
      return true;
    };
    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    assert.ok(jobId);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(script.hints[0]!.closed, true, '"Nothing has started yet" is gone once the job started');
    const sent = (await received('StartRestoreJob')).at(-1)!.input;
    const record = vscode.window.activeTextEditor?.document;
    assert.equal(record?.uri.scheme, 'aws-backup-pitr-review');
    assert.deepEqual(JSON.parse(record.getText()), sent);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      record.uri,
    );
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      [],
      'a record of a started job offers no "Start restore job"',
    );
    assert.deepEqual(vscode.languages.getDiagnostics(record.uri), [], 'a record adds no Problems');
    await ext.restore.whenFollowed(jobId);
  });

  describe('from files', () => {
    const written: vscode.Uri[] = [];
    async function file(name: string, content: unknown): Promise<vscode.Uri> {
      const uri = fileUri(`restore-tmp/${name}`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(content, null, 2)));
      written.push(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      return uri;
    }
    after(async () => {
      await vscode.workspace.fs.delete(fileUri('restore-tmp'), { recursive: true });
    });
    /** A start whose RestoreTime is twelve days back: inside 35 days (no RST003), before orders-db's point. */
    const outsideWindow = (name: string, base: object): Promise<vscode.Uri> =>
      file(name, {
        ...base,
        Metadata: {
          DBInstanceIdentifier: 'x-restore',
          Engine: 'postgres',
          UseLatestRestorableTime: 'false',
          RestoreTime: iso(new Date(Date.now() - 12 * 86_400_000)),
        },
      });

    it('a file with lint errors, or a time outside the actual window (LIVE002), starts nothing', async () => {
      const node = await pointNode('orders-db', true);
      const script = new Script([]);
      ext.restore.setPrompts(script);
      const starts = (await received('StartRestoreJob')).length;
      const base = {
        RecoveryPointArn: node.point.RecoveryPointArn,
        IamRoleArn: ROLE,
        ResourceType: 'RDS',
      };
      const broken = await file('start-restore-job.broken.json', {
        ...base,
        Metadata: { DBInstanceIdentifier: 'x-restore', Engine: 'postgres', RestoreTime: 'yesterday' },
      });
      assert.equal(
        await vscode.commands.executeCommand('awsBackupPitr.restore.startFromDocument', broken),
        undefined,
      );
      // Twelve days back: before this point's creation ten days ago.
      const outside = await outsideWindow('start-restore-job.outside.json', base);
      assert.equal(
        await vscode.commands.executeCommand('awsBackupPitr.restore.startFromDocument', outside),
        undefined,
      );
      assert.equal(script.confirmations.length, 0, 'nothing was even offered');
      assert.equal((await received('StartRestoreJob')).length, starts);
    });

    it('a workspace cannot switch the gate off: severity "off" for RST002 and LIVE002 still starts nothing', async () => {
      const node = await pointNode('orders-db', true);
      const script = new Script([]);
      ext.restore.setPrompts(script);
      const lintSettings = vscode.workspace.getConfiguration('awsBackupPitr.lint');
      await lintSettings.update(
        'severity',
        { RST002: 'off', RST003: 'off', LIVE002: 'off' },
        vscode.ConfigurationTarget.Workspace,
      );
      try {
        const starts = (await received('StartRestoreJob')).length;
        const base = { RecoveryPointArn: node.point.RecoveryPointArn, IamRoleArn: ROLE, ResourceType: 'RDS' };
        const noon = await file('start-restore-job.noon.json', {
          ...base,
          Metadata: {
            DBInstanceIdentifier: 'x-restore',
            Engine: 'postgres',
            RestoreTime: 'yesterday at noon',
          },
        });
        // The Problems panel follows the setting…
        await new Promise((r) => setTimeout(r, 500));
        assert.ok(
          !vscode.languages
            .getDiagnostics(noon)
            .some((d) => String((d.code as { value?: unknown })?.value) === 'RST002'),
          'RST002 is not shown',
        );
        // …the gate does not.
        assert.equal(
          await vscode.commands.executeCommand('awsBackupPitr.restore.startFromDocument', noon),
          undefined,
        );
        const outside = await outsideWindow('start-restore-job.outside-off.json', base);
        assert.equal(
          await vscode.commands.executeCommand('awsBackupPitr.restore.startFromDocument', outside),
          undefined,
        );
        assert.equal(script.confirmations.length, 0, 'nothing was even offered');
        assert.equal((await received('StartRestoreJob')).length, starts);
      } finally {
        await lintSettings.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('a file without an IdempotencyToken starts one job, even when clicked again after the window forgot it', async () => {
      const node = await pointNode('orders-db', true);
      const script = new Script([]);
      ext.restore.setPrompts(script);
      const uri = await file('start-restore-job.no-token.json', {
        RecoveryPointArn: node.point.RecoveryPointArn,
        IamRoleArn: ROLE,
        ResourceType: 'RDS',
        Metadata: {
          DBInstanceIdentifier: 'orders-db-no-token',
          Engine: 'postgres',
          UseLatestRestorableTime: 'true',
        },
      });
      const before = await jobCount();
      const jobId = await vscode.commands.executeCommand<string>(
        'awsBackupPitr.restore.startFromDocument',
        uri,
      );
      assert.ok(jobId);
      const sent = (await received('StartRestoreJob')).at(-1)!.input;
      assert.equal(typeof sent.IdempotencyToken, 'string', 'a start always sends a token');
      assert.equal((await ext.restore.whenFollowed(jobId))?.status, 'COMPLETED');
      // As after a reload on a machine whose remembered jobs were lost: the click asks again, and the
      // same request sends the same token, so the service answers with the job it already started.
      await ext.restore.jobs.forget(String(sent.IdempotencyToken));
      const again = await vscode.commands.executeCommand<string>(
        'awsBackupPitr.restore.startFromDocument',
        uri,
      );
      assert.equal(again, jobId);
      assert.equal(script.confirmations.length, 2);
      assert.equal((await received('StartRestoreJob')).at(-1)!.input.IdempotencyToken, sent.IdempotencyToken);
      assert.equal(await jobCount(), before + 1, 'one job');
    });

    it('a bare metadata file asks the point and role, then starts like any request; a failing job reports its message', async () => {
      const uri = await file('restore-metadata.json', {
        DestinationBucketName: 'legacy-unversioned-bucket',
        RestoreTime: iso(new Date(Date.now() - 2 * 3_600_000)),
      });
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      );
      assert.deepEqual(
        lenses.map((l) => l.command?.title),
        ['$(play) Start restore job'],
      );
      const script = new Script([
        pick(/^prod-pitr/),
        pick(/orders-bucket PITR/),
        pick(/AWSBackupDefaultServiceRole/),
      ]);
      ext.restore.setPrompts(script);
      assert.equal(
        await vscode.commands.executeCommand('awsBackupPitr.restore.startFromDocument', uri),
        undefined,
      );
      const review = vscode.window.activeTextEditor?.document;
      assert.ok(review && review.uri.scheme === 'untitled', 'the full request opens for review');
      const jobId = await vscode.commands.executeCommand<string>(
        'awsBackupPitr.restore.startFromDocument',
        review.uri,
      );
      assert.ok(jobId);
      const sent = (await received('StartRestoreJob')).at(-1)!.input;
      assert.equal(
        (sent.Metadata as Record<string, string>).DestinationBucketName,
        'legacy-unversioned-bucket',
      );
      const end = await ext.restore.whenFollowed(jobId);
      assert.equal(end?.status, 'FAILED');
      assert.match(end?.statusMessage ?? '', /versioning/);
    });
  });

  it('throttling and dropped connections during a start and its following make one job, never none or two', async () => {
    const { uri } = await reviewTreeRestore('orders-db-under-faults');
    const before = await jobCount();
    await control('faults', {
      throttle: { count: 3, operations: ['StartRestoreJob', 'DescribeRestoreJob'] },
      drop: { count: 2, operations: ['StartRestoreJob', 'DescribeRestoreJob'] },
    });
    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    assert.ok(jobId);
    const end = await ext.restore.whenFollowed(jobId);
    await control('faults', {});
    assert.equal(end?.status, 'COMPLETED');
    assert.equal(await jobCount(), before + 1);
  });

  it('a start still throttled after every retry is kept, not lost: the next activation sends it, one job', async function () {
    // Every retry the SDK (adaptive mode) and the extension make, with their backoff: about half a minute.
    this.timeout(150_000);
    const { uri, script } = await reviewTreeRestore('orders-db-out-of-retries');
    const before = await jobCount();
    await control('faults', { throttle: { count: 1_000, operations: ['StartRestoreJob'] } });
    const started = await vscode.commands.executeCommand<string | undefined>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    await control('faults', {});
    assert.equal(started, undefined, 'no job ID while the service throttles');
    assert.equal(await jobCount(), before, 'the service started nothing');
    const kept = ext.restore.jobs
      .unfinished()
      .find((j) => j.request?.Metadata.DBInstanceIdentifier === 'orders-db-out-of-retries');
    assert.ok(kept, 'the confirmed request is remembered, with its token');
    assert.equal(script.confirmations.length, 1);
    await ext.restore.resume();
    // Never sent on its own: the same confirmation is asked again first.
    assert.equal(script.confirmations.length, 2, 'asked again before it is sent');
    assert.equal(script.confirmations[1]!.message, script.confirmations[0]!.message);
    assert.ok(script.confirmations[1]!.detail.endsWith(script.confirmations[0]!.detail));
    assert.match(script.confirmations[1]!.detail, /could not be sent/);
    const resumed = ext.restore.jobs.find(kept.token);
    assert.ok(resumed?.jobId, 'sent again, now with a job ID');
    assert.equal(resumed.request, undefined, 'the request is dropped once the job is known');
    assert.equal((await received('StartRestoreJob')).at(-1)!.input.IdempotencyToken, kept.token);
    assert.equal((await ext.restore.whenFollowed(resumed.jobId))?.status, 'COMPLETED');
    assert.equal(await jobCount(), before + 1, 'one job');
  });

  it('a kept start declined when asked again is forgotten and never sent', async () => {
    const door = ext.explorer.connections.api!;
    const node = await pointNode('orders-db', true);
    const token = randomUUID();
    await ext.restore.jobs.starting({
      token,
      connection: door.connection,
      label: 'declined',
      request: {
        RecoveryPointArn: node.point.RecoveryPointArn!,
        IamRoleArn: ROLE,
        ResourceType: 'RDS',
        IdempotencyToken: token,
        Metadata: {
          DBInstanceIdentifier: 'orders-db-declined',
          Engine: 'postgres',
          UseLatestRestorableTime: 'true',
        },
      },
      confirmation: {
        message: 'Restore declined?',
        detail: 'Destination: a new DB instance "orders-db-declined"',
      },
    });
    const starts = (await received('StartRestoreJob')).length;
    const script = new Script([], false);
    ext.restore.setPrompts(script);
    await ext.restore.resume();
    assert.equal(script.confirmations.length, 1);
    assert.equal(ext.restore.jobs.find(token), undefined, 'forgotten');
    assert.equal((await received('StartRestoreJob')).length, starts, 'nothing sent');
  });

  it('after a reload, remembered jobs are watched again, and a start whose answer was lost is the same job', async () => {
    const door = ext.explorer.connections.api!;
    const node = await pointNode('orders-db', true);
    // A job the previous window started and was following.
    const token1 = randomUUID();
    const request = (token: string, name: string) => ({
      RecoveryPointArn: node.point.RecoveryPointArn!,
      IamRoleArn: ROLE,
      ResourceType: 'RDS',
      IdempotencyToken: token,
      Metadata: { DBInstanceIdentifier: name, Engine: 'postgres', UseLatestRestorableTime: 'true' },
    });
    const id1 = await door.startRestoreJob(request(token1, 'orders-db-reload-1'));
    await ext.restore.jobs.starting({ token: token1, connection: door.connection, label: 'reload 1' });
    await ext.restore.jobs.started(token1, id1);
    // A start the service received, but whose answer the previous window never saw.
    const token2 = randomUUID();
    const id2 = await door.startRestoreJob(request(token2, 'orders-db-reload-2'));
    await ext.restore.jobs.starting({
      token: token2,
      connection: door.connection,
      label: 'reload 2',
      request: request(token2, 'orders-db-reload-2'),
      confirmation: {
        message: 'Restore reload 2?',
        detail: 'Destination: a new DB instance "orders-db-reload-2"',
      },
    });
    const before = await jobCount();
    const script = new Script([]);
    ext.restore.setPrompts(script);

    await ext.restore.resume();
    assert.deepEqual(
      script.confirmations.map((c) => c.message),
      ['Restore reload 2?'],
      'the start whose answer was lost is confirmed again before it is sent again',
    );
    const resumed = ext.restore.jobs.find(token2);
    assert.equal(resumed?.jobId, id2, 'the lost answer is recovered with the same token');
    assert.equal(
      resumed?.request,
      undefined,
      'the request (restore metadata) is dropped once the job is known',
    );
    assert.equal((await ext.restore.whenFollowed(id1))?.status, 'COMPLETED');
    assert.equal((await ext.restore.whenFollowed(id2))?.status, 'COMPLETED');
    assert.equal(await jobCount(), before, 'no second job');
    // The jobs are in the explorer's Restore jobs.
    const groups = await kids((await kids())[0]);
    const jobs = await kids(groups.find((g) => g.view().label === 'Restore jobs'));
    const labels = jobs.map(
      (j) => `${j.view().label} ${j.view().description ?? ''} ${j.view().tooltip ?? ''}`,
    );
    assert.ok(
      labels.some((l) => l.includes(id1) && l.includes('started here')),
      labels.join('\n'),
    );
  });
});
