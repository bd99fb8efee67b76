import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, connectToEmulator, emulatorControl } from './helpers';

/**
 * The recovery posture in a real VS Code host, against the run's emulator serving two accounts: the
 * explorer's own (the local emulator's keys) and a member account through a profile named in
 * awsBackupPitr.posture.profiles; a Region the emulator does not serve (awsBackupPitr.aws.regions)
 * is a failing row that hides nothing.
 */
describe('the recovery posture view', function () {
  this.timeout(90_000);
  let ext: Awaited<ReturnType<typeof api>>;
  const dir = mkdtempSync(join(tmpdir(), 'pitr-posture-it-'));
  const saved = {
    config: process.env.AWS_CONFIG_FILE,
    credentials: process.env.AWS_SHARED_CREDENTIALS_FILE,
  };
  const aws = () => vscode.workspace.getConfiguration('awsBackupPitr.aws');
  const posture = () => vscode.workspace.getConfiguration('awsBackupPitr.posture');

  before(async () => {
    ext = await api();
    // The member account's keys (memberAccounts(1) of the emulator), for this extension host only.
    writeFileSync(join(dir, 'config'), '[profile member]\nregion = us-east-1\n');
    writeFileSync(
      join(dir, 'credentials'),
      '[member]\naws_access_key_id = AKIAEMULATORMEMBER01\naws_secret_access_key = emulator/member/01/secret/000000000000000000\n' +
        // The organization's management account: the emulator's own keys.
        '[mgmt]\naws_access_key_id = AKIAEMULATOR00000001\naws_secret_access_key = emulator/secret/key/0000000000000000000000\n',
    );
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    await posture().update('profiles', ['member'], vscode.ConfigurationTarget.Global);
    await aws().update('regions', ['ap-south-2'], vscode.ConfigurationTarget.Global);
    await connectToEmulator(ext);
  });
  after(async () => {
    ext.posture.setSaveTarget(undefined);
    ext.posture.panel?.dispose();
    await posture().update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await posture().update('organizationProfile', undefined, vscode.ConfigurationTarget.Global);
    await aws().update('regions', undefined, vscode.ConfigurationTarget.Global);
    for (const [k, v] of [
      ['AWS_CONFIG_FILE', saved.config],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    await connectToEmulator(ext);
  });

  it('shows both accounts, breaches first, and the Region it could not read as a row', async () => {
    await vscode.commands.executeCommand('awsBackupPitr.posture.show');
    const panel = ext.posture.panel;
    assert.ok(panel, 'the command opened the panel');
    const drawn = panel.lastDrawn ?? (await panel.whenDrawn());
    assert.ok(drawn, 'the report was drawn');
    const report = panel.report!;
    const accounts = new Set(report.rows.map((r) => r.accountId));
    assert.deepEqual([...accounts].sort(), ['123456789012', '210000000001']);
    assert.equal(drawn.rows, report.rows.length);
    assert.equal(drawn.verdicts[0], 'misses', 'a breach is drawn first');
    const firstMeet = drawn.verdicts.indexOf('meets');
    assert.ok(firstMeet > 0 && drawn.verdicts.slice(firstMeet).every((v) => v === 'meets'));
    assert.equal(drawn.failures, 2, 'ap-south-2 of both accounts');
    assert.ok(report.failures.every((f) => f.region === 'ap-south-2'));
    assert.ok(report.rows.some((r) => r.resourceName === 'orders-bucket' && r.verdict === 'meets'));
    assert.ok(report.rows.some((r) => r.account === 'member' && r.protection === 'stopped'));
  });

  it('draws the DR RPO beside the RPO and a strip of days per resource; a Region not read leaves it unknown', async () => {
    await posture().update('drRpoTargets', { '*': '1d' }, vscode.ConfigurationTarget.Global);
    try {
      await ext.posture.refresh();
      const panel = ext.posture.panel!;
      const drawn = panel.lastDrawn!;
      const report = panel.report!;
      assert.equal(drawn.strips, 2 * drawn.rows, 'a strip of the RPO and one of the DR RPO per row');
      assert.equal(drawn.dr.length, drawn.rows);
      // ap-south-2 is not read: no resource is said to have "no copy".
      assert.ok(
        drawn.dr.every((t) => /^unknown \(not read: .*ap-south-2/.test(t)),
        drawn.dr.slice(0, 3).join('\n'),
      );
      assert.ok(report.rows.every((r) => r.drTargetMs === 86_400_000 && r.drVerdict === 'misses'));
      assert.ok(report.rows.every((r) => r.rpoDays?.length === 30));
    } finally {
      await posture().update('drRpoTargets', undefined, vscode.ConfigurationTarget.Global);
      await ext.posture.refresh();
    }
  });

  it('with awsBackupPitr.posture.organizationProfile, failed jobs come from the management account’s one listing', async () => {
    const jobsOf = (r: NonNullable<NonNullable<typeof ext.posture.panel>['report']>): string[] =>
      r.rows
        .map((x) => `${x.accountId} ${x.resourceName}: ${x.failedJobs.map((j) => j.message).join(' | ')}`)
        .sort();
    const perAccount = jobsOf(ext.posture.panel!.report!);
    const memberListings = async (): Promise<number> =>
      (
        (await emulatorControl('requests?account=210000000001&region=us-east-1')) as { operation: string }[]
      ).filter((r) => r.operation === 'ListBackupJobs').length;
    const before = await memberListings();
    await posture().update('organizationProfile', 'mgmt', vscode.ConfigurationTarget.Global);
    await ext.posture.refresh();
    const report = ext.posture.panel!.report!;
    assert.deepEqual(jobsOf(report), perAccount);
    assert.ok(report.rows.some((x) => x.accountId === '210000000001' && x.failedJobs.length > 0));
    assert.equal(await memberListings(), before, 'the member account was not asked for its jobs');
    await posture().update('organizationProfile', undefined, vscode.ConfigurationTarget.Global);
  });

  it('exports the report as Markdown, CSV and JSON to the file chosen', async () => {
    const written: string[] = [];
    ext.posture.setSaveTarget((format) => {
      const uri = vscode.Uri.file(join(dir, `posture.${format}`));
      written.push(uri.fsPath);
      return uri;
    });
    const panel = ext.posture.panel!;
    // What the webview's Export buttons ask for.
    for (const format of ['markdown', 'csv', 'json'] as const) await ext.posture.exportAs(format);
    assert.equal(written.length, 3);
    assert.match(readFileSync(join(dir, 'posture.markdown'), 'utf8'), /^# Recovery posture\n/);
    assert.match(readFileSync(join(dir, 'posture.csv'), 'utf8'), /^Verdict,Account,Account ID,Region/);
    const json = JSON.parse(readFileSync(join(dir, 'posture.json'), 'utf8')) as {
      rows: unknown[];
      failures: unknown[];
    };
    assert.equal(json.rows.length, panel.report!.rows.length);
    assert.equal(json.failures.length, 2);
  });

  it('closing the panel while it reads ends the command: it does not wait for a drawing that never comes', async () => {
    ext.posture.panel?.dispose();
    const command = vscode.commands.executeCommand('awsBackupPitr.posture.show');
    for (let i = 0; i < 250 && !ext.posture.panel; i++) await new Promise((r) => setTimeout(r, 20));
    ext.posture.panel!.dispose();
    const outcome = await Promise.race([
      Promise.resolve(command).then(() => 'ended'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 20_000)),
    ]);
    assert.equal(outcome, 'ended');
  });
});
