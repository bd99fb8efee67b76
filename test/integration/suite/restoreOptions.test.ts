import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// Types only, but for BACK: a registered symbol, the same as the extension's own.
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import type { RecoveryPointNode } from '../../../src/explorer/nodes/vault';
import { BACK } from '../../../src/restore/wizard';
import { api, connectToEmulator, emulatorControl } from './helpers';
import { pick, Script, type, type Answer } from './script';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const INVOICES = 's3://orders-bucket/invoices/';
const REPORTS = 's3://orders-bucket/reports/2025/';

interface Received {
  operation: string;
  input: Record<string, unknown>;
}
const lastStart = async (): Promise<Record<string, unknown> | undefined> =>
  ((await emulatorControl('requests')) as Received[]).filter((r) => r.operation === 'StartRestoreJob').at(-1)
    ?.input;

/** An answer that goes Back, checking what the step offered first. */
const back =
  (re: RegExp): Answer =>
  (_kind, text) => {
    assert.match(text, re);
    return BACK;
  };

describe('restore options in a real VS Code host: S3 items, encryption and ACLs; RDS settings (issue 16)', function () {
  this.timeout(60_000);
  let ext: Awaited<ReturnType<typeof api>>;

  before(async () => {
    ext = await api();
    await connectToEmulator(ext);
    await emulatorControl('config', { restoreJobDurationMs: 1_000 });
  });
  afterEach(async () => {
    ext.restore.setPrompts(undefined);
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  after(() => emulatorControl('config', { restoreJobDurationMs: 60_000 }));

  const kids = (n?: ExplorerNode) => ext.explorer.tree.getChildren(n);
  async function pointNode(name: string): Promise<RecoveryPointNode> {
    const groups = await kids((await kids())[0]);
    const vaults = await kids(groups.find((g) => g.view().label === 'Backup vaults'));
    const points = (await kids(vaults.find((v) => v.view().label === 'prod-pitr'))) as RecoveryPointNode[];
    const p = points.find(
      (x) => x.point.ResourceName === name && (x.point.RecoveryPointArn?.includes(':continuous:') ?? false),
    );
    assert.ok(p, `${name} is not listed`);
    return p;
  }
  const lensTitles = async (uri: vscode.Uri): Promise<string[]> =>
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).map(
      (l) => l.command?.title ?? '',
    );
  const metadataOf = async (uri: vscode.Uri): Promise<Record<string, string>> =>
    (
      JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as {
        Metadata: Record<string, string>;
      }
    ).Metadata;

  it('palette: two prefixes with SSE-KMS end in exactly that metadata at the emulator; Back keeps the answers', async () => {
    const script = new Script([
      pick(/^prod-pitr/),
      pick(/orders-bucket PITR/),
      pick(/Latest restorable time/),
      pick(/new bucket/),
      type('orders-invoices-restored'),
      pick(/^Up to five objects/),
      type(`${INVOICES} ${REPORTS}`),
      pick(/^SSE-KMS/),
      type(KEY),
      pick(/^Restore the ACLs/),
      // Back to the encryption, then on again: every answer is kept.
      back(/Which IAM role/),
      back(/ACLs/),
      (_kind, text, _items, opened) => {
        assert.match(text, /KMS key/);
        assert.equal(opened, KEY, 'the key input opens with the key typed before');
        return BACK;
      },
      (_kind, text, items, opened) => {
        assert.match(text, /Encrypt/);
        assert.equal(opened, 'SSE-KMS', 'the encryption pick opens on the answer before');
        return pick(/^SSE-KMS/)('pick', text, items);
      },
      (_kind, _text, _items, opened) => opened,
      (_kind, text, items, opened) => {
        assert.equal(opened, 'true');
        return pick(/^Restore the ACLs/)('pick', text, items);
      },
      pick(/AWSBackupDefaultServiceRole/),
    ]);
    ext.restore.setPrompts(script);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('awsBackupPitr.restore.pointInTime');
    assert.ok(uri, 'the flow opens the request for review');
    const m = await metadataOf(uri);
    assert.equal(m.ItemsToRestore, JSON.stringify([INVOICES, REPORTS]));
    assert.equal(m.EncryptionType, 'SSE-KMS');
    assert.equal(m.KMSKey, KEY);
    assert.equal(m.RestoreACLs, 'true');
    assert.equal(m.DestinationBucketName, 'orders-invoices-restored');
    assert.equal(m.Encrypted, 'true', 'what was not changed is as the service returned it');

    // The review marks each changed value above its key (a JSON document has no comments).
    const titles = await lensTitles(uri);
    for (const k of ['ItemsToRestore', 'KMSKey'])
      assert.ok(
        titles.some((t) => t.startsWith(`$(edit) ${k}: set in the restore flow`)),
        titles.join(' | '),
      );
    assert.ok(
      titles.includes(
        '$(edit) EncryptionType: changed in the restore flow: the recovery point\'s metadata had "SSE-S3"',
      ),
      titles.join(' | '),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('"RestoreACLs"') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      at,
    );
    assert.ok(
      hovers.some((h) =>
        h.contents.some((c) =>
          // Shown as text (appendText): its spaces are &nbsp; and markdown characters escaped.
          (typeof c === 'string' ? c : c.value)
            .replace(/&nbsp;/g, ' ')
            .replace(/\\(.)/g, '$1')
            .includes('RestoreACLs: changed in the restore flow'),
        ),
      ),
      'the hover says it too',
    );

    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    assert.ok(jobId, 'a job started');
    const c = script.confirmations[0]!;
    assert.match(
      c.detail,
      /What is restored: only 2 items: "s3:\/\/orders-bucket\/invoices\/" \(a prefix: everything under it\), "s3:\/\/orders-bucket\/reports\/2025\/"/,
    );
    assert.match(c.detail, /Encryption: SSE-KMS with the KMS key "arn:aws:kms:us-east-1:123456789012:key\//);
    assert.match(c.detail, /ACLs: restored \(only into a bucket with ACLs enabled/);
    const sent = await lastStart();
    assert.deepEqual(sent?.Metadata, m, 'the emulator received exactly the reviewed metadata');
    const end = await ext.restore.whenFollowed(jobId);
    assert.equal(end?.status, 'COMPLETED');
  });

  it('tree: an RDS restore with a changed instance class and Multi-AZ off ends in exactly that metadata', async () => {
    const node = await pointNode('orders-db');
    const script = new Script([
      pick(/Latest restorable time/),
      type('orders-db-xl'),
      pick(/^DB instance class/),
      type('db.r6g.xlarge'),
      pick(/^Multi-AZ standby/),
      pick(/^Create a standby instance/),
      pick(/^Multi-AZ standby/),
      pick(/^Do not create a standby instance/),
      (_kind, text, items) => {
        assert.match(text, /Adjust settings/);
        const cont = items.find((i) => i.label.startsWith('Continue'));
        assert.equal(cont?.description, '1 changed');
        return cont?.value;
      },
      pick(/AWSBackupDefaultServiceRole/),
    ]);
    ext.restore.setPrompts(script);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(
      'awsBackupPitr.restore.fromRecoveryPoint',
      node,
    );
    assert.ok(uri);
    const m = await metadataOf(uri);
    assert.equal(m.DBInstanceClass, 'db.r6g.xlarge');
    assert.equal(m.MultiAZ, 'false');
    assert.equal(m.DBSubnetGroupName, 'prod-db-subnets');
    assert.equal(m.VpcSecurityGroupIds, '["sg-0a1b2c3d4e5f60718"]');
    const titles = await lensTitles(uri);
    assert.deepEqual(
      titles.filter((t) => t.startsWith('$(edit)')),
      [
        '$(edit) DBInstanceClass: changed in the restore flow: the recovery point\'s metadata had "db.r6g.large"',
      ],
    );
    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    assert.ok(jobId);
    assert.deepEqual((await lastStart())?.Metadata, m);
    assert.equal((await ext.restore.whenFollowed(jobId))?.status, 'COMPLETED');
  });
});
