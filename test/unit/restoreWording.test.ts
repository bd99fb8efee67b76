/**
 * The restore flow's words and numbers as a person reads them (issue 23): vault types in words, a
 * step counter that counts the steps shown, a suggested name for a new bucket as for a database, a
 * warning on the source's own identifier, and "latest" sending the very second it showed.
 */
import { strict as assert } from 'node:assert';
import { runRestoreWizard, type Back, type PickOptions, type StepHeader } from '../../src/restore/wizard';
import type { InputCheck } from '../../src/restore/wizardSteps/ui';
import { emulatorForTests, seededPoint } from './lint/helpers';
import { by, ScriptedUi } from './restore/scriptedUi';

/** The scripted UI, also keeping what each input box opened with, and pausing after a pick when asked. */
class Recording extends ScriptedUi {
  readonly opened: (string | undefined)[] = [];
  /** Every text the picks showed: labels, descriptions and details. */
  readonly texts: string[] = [];
  pauseAfter?: { pick: RegExp; ms: number };
  override async pick<T>(header: StepHeader, o: PickOptions<T>): Promise<T | Back | undefined> {
    for (const i of await o.items) this.texts.push(i.label, i.description ?? '', i.detail ?? '');
    const r = await super.pick(header, o);
    if (this.pauseAfter?.pick.test(o.placeholder))
      await new Promise((res) => setTimeout(res, this.pauseAfter!.ms));
    return r;
  }
  override input(
    header: StepHeader,
    o: { prompt: string; value?: string; canGoBack: boolean; check(text: string): InputCheck | undefined },
  ): Promise<string | Back | undefined> {
    this.opened.push(o.value);
    return super.input(header, o);
  }
}

describe('the restore flow’s words (issue 23)', function () {
  this.timeout(30_000);
  const door = emulatorForTests();
  const point = (name: string, continuous: boolean) => seededPoint(door.api, name, continuous);

  it('says a vault’s type in words', async () => {
    const ui = new Recording([{ pick: /vault/, choose: () => undefined }]);
    await runRestoreWizard(ui, { apis: [door.api] });
    const described = ui.seen[0]!.descriptions!.join('\n');
    assert.match(described, /logically air-gapped vault/);
    assert.doesNotMatch(described, /_VAULT|LOGICALLY/);
  });

  it('counts the steps it shows: a snapshot has no time step', async () => {
    const ui = new Recording([
      { input: /new DB instance identifier/, type: ['orders-db-counted'] },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, {
      apis: [door.api],
      start: { api: door.api, vault: 'prod-pitr', point: await point('orders-db', false) },
    });
    assert.ok(r);
    assert.deepEqual(
      ui.seen.map((s) => `${s.header.step}/${s.header.totalSteps}`),
      ['1/3', '2/3', '3/3'],
    );
  });

  it('suggests a name for a new S3 bucket, and sends "latest" as the very second it showed', async () => {
    const ui = new Recording([
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      { pick: /which bucket/, choose: by(/new bucket/) },
      { input: /new bucket name/, type: ['orders-bucket-restored'] },
      { pick: /What to restore/, choose: by(/whole bucket/) },
      { pick: /Encrypt/, choose: by(/^SSE-S3/) },
      { pick: /ACLs/, choose: by(/Do not restore/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    // The window's end moves with the clock: the pick must send what it showed, not a later second.
    ui.pauseAfter = { pick: /point in time/, ms: 1_500 };
    const r = await runRestoreWizard(ui, {
      apis: [door.api],
      start: { api: door.api, vault: 'prod-pitr', point: await point('orders-bucket', true) },
    });
    assert.ok(r && ui.done);
    assert.match(ui.opened[0] ?? '', /^orders-bucket-pitr-\d{8}$/, 'a suggested new bucket name');
    const shown = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/.exec(ui.seen[0]!.descriptions![0] ?? '')?.[1];
    assert.ok(shown, ui.seen[0]!.descriptions![0]);
    assert.equal(r.document.Metadata.RestoreTime, `${shown.replace(' ', 'T')}Z`);
  });

  it('says every time in one format: both clocks, each named', async () => {
    const ui = new Recording([
      { pick: /vault/, choose: by(/^prod-pitr/) },
      { pick: /recovery point/, choose: by(/orders-bucket/) },
      { pick: /point in time/, choose: () => undefined },
    ]);
    await runRestoreWizard(ui, { apis: [door.api], timeZone: 'Europe/Berlin' });
    // The example of what may be typed ("Typed as … 2025-08-01 02:14:37") is a format, not a time.
    const shown = ui.texts.filter((t) => !t.startsWith('Typed as')).join('\n');
    const times = shown.match(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d( UTC| local)?/g) ?? [];
    assert.ok(times.length > 4, 'the points and the window show times');
    assert.deepEqual(
      times.filter((t) => !/ (UTC|local)$/.test(t)),
      [],
      'a time without its clock named',
    );
  });

  it('warns when the new DB identifier is the source’s own', async () => {
    const ui = new Recording([
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      {
        input: /new DB instance identifier/,
        type: ['orders-db', 'orders-db-new'],
        expectChecks: [{ severity: 'warning', message: "source's own identifier" }, undefined],
      },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, {
      apis: [door.api],
      start: { api: door.api, vault: 'prod-pitr', point: await point('orders-db', true) },
    });
    assert.equal(r?.document.Metadata.DBInstanceIdentifier, 'orders-db-new');
  });
});
