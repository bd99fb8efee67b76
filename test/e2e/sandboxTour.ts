/**
 * End-to-end: the sandbox driven like a person would, in Chromium: open the AWS Backup view, expand
 * a vault, see a continuous recovery point with its restorable window, restore an S3 bucket to a
 * chosen second through the palette and see the job complete; delete an RDS continuous point from
 * the context menu and update a backup plan through the diff editor (./lifecycleSteps.ts). Saves
 * screenshots under test-results/screenshots (never uploaded) and asserts on what the page shows.
 * Writes its result to test-results/e2e.json for the test command's closing line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_EMULATOR_CREDENTIALS } from '../../src/backup/emulatorKeys';
import { memberAccounts, startEmulator, type Emulator } from '../../src/emulator/server';
import {
  AWS_BACKUP_ACTIVITY,
  launchChromium,
  installHost,
  remoteUri,
  ROOT,
  startHost,
  type PwBrowser,
  type PwLocator,
  type PwPage,
} from '../integration/vscodeHost';
import { lifecycleSteps, type Step } from './lifecycleSteps';

const OUT = join(ROOT, 'test-results', 'screenshots');
/** The prefix the tour restores from orders-bucket (an item-level restore). */
const PREFIX = 's3://orders-bucket/invoices/';

/** The environment that signs the host's requests for the emulator (its public development keys). */
function emulatorEnv(emulator: Emulator): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: LOCAL_EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: emulator.region,
  };
}

/** Runs a command from the palette, as a person types it. */
async function runCommand(page: PwPage, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type(title, { delay: 10 });
  await page
    .locator(`.quick-input-widget .monaco-list-row:has-text("${title.replace(/^.*: /, '')}")`)
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Opens the notification centre, where notifications stay (toasts may hide while the page has no focus). */
const openNotificationCentre = (page: PwPage): Promise<void> =>
  runCommand(page, 'Notifications: Show Notifications');

/** How long restore jobs started from now on run in the emulator. */
async function restoreJobsRun(emulator: Emulator, ms: number): Promise<void> {
  await fetch(`${emulator.url}/__emulator/config`, {
    method: 'POST',
    body: JSON.stringify({ restoreJobDurationMs: ms }),
  });
}

const startRequests = (emulator: Emulator) =>
  emulator.state.requests.filter((r) => r.operation === 'StartRestoreJob');

/** Clicks "Start restore job" above the review document; returns the confirmation with its Start button. */
async function startFromLens(page: PwPage, screenshot?: string): Promise<PwLocator> {
  const lens = page.locator('.codelens-decoration a:has-text("Start restore job")').first();
  await lens.waitFor({ timeout: 30_000 });
  if (screenshot) await page.screenshot({ path: join(OUT, screenshot) });
  await lens.click();
  const dialog = page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
    // Say what the extension said instead (a refusal is a notification, not a dialog).
    await openNotificationCentre(page);
    const said = (await page.locator('.notifications-center').first().textContent()) ?? '';
    throw new Error(`no confirmation after "Start restore job"; notifications: ${said}; ${String(e)}`);
  });
  return dialog;
}

/**
 * Clicks Start in the confirmation, then waits for the started job's read-only copy of the review
 * document to take the untitled one's place (the editor change would close a palette opened sooner).
 */
async function clickStart(page: PwPage, dialog: PwLocator): Promise<void> {
  const copies = page.locator('.tab:has-text("restore-job-")');
  const before = await copies.count();
  await dialog
    .locator('a.monaco-button:has-text("Start Restore Job"), button:has-text("Start Restore Job")')
    .first()
    .click();
  // A new copy (earlier restores left theirs open), and it is the active tab.
  for (let i = 0; i < 300 && (await copies.count()) <= before; i++)
    await new Promise((r) => setTimeout(r, 100));
  await page.locator('.tab.active:has-text("restore-job-")').first().waitFor({ timeout: 30_000 });
}

/**
 * In a workspace its user has not trusted, "Start restore job" on a file refuses, says why, and sends
 * nothing: a second host, where the folder opens in Restricted Mode.
 */
async function untrustedFileRestoreRefused(browser: PwBrowser, emulator: Emulator): Promise<void> {
  const host = await startHost({
    workspaceTemplate: join(ROOT, 'samples'),
    userSettings: { 'awsBackupPitr.aws.endpoint': emulator.url, 'chat.disableAIFeatures': true },
    env: emulatorEnv(emulator),
    workspaceTrust: true,
  });
  const page = await browser.newPage();
  try {
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(
      host.url([
        ['extensionDevelopmentPath', remoteUri(host.port, ROOT)],
        ['skipWelcome', 'true'],
      ]),
    );
    // The folder opens in Restricted Mode (never trusted on this machine).
    await page.locator('.statusbar-item:has-text("Restricted Mode")').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+P');
    await page.keyboard.type('start-restore-job.json', { delay: 10 });
    await page
      .locator('.quick-input-list .monaco-list-row:has-text("start-restore-job.json")')
      .first()
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const lens = page.locator('.codelens-decoration a:has-text("Start restore job")').first();
    await lens.waitFor({ timeout: 30_000 });
    const before = startRequests(emulator).length;
    await lens.click();
    await openNotificationCentre(page);
    await page
      .locator('.notifications-center .notification-list-item:has-text("disabled in an untrusted workspace")')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(OUT, 'restore-untrusted.png') });
    const after = startRequests(emulator).length;
    if (after !== before) throw new Error('a restore request was sent from an untrusted workspace');
  } catch (e) {
    await page.screenshot({ path: join(OUT, 'failed-untrusted.png') }).catch(() => undefined);
    throw e;
  } finally {
    await page.close();
    await host.stop();
  }
}

async function main(): Promise<number> {
  installHost();
  mkdirSync(OUT, { recursive: true });
  // Two member accounts beside the seeded one, for the recovery posture (profiles written below).
  const members = memberAccounts(2);
  const emulator = await startEmulator({
    restoreJobDurationMs: 45_000,
    accounts: members,
    organization: true,
  });
  const awsFiles = join(ROOT, 'test-results', 'e2e-aws');
  mkdirSync(awsFiles, { recursive: true });
  writeFileSync(
    join(awsFiles, 'config'),
    members.map((_m, i) => `[profile member-${i + 1}]\nregion = us-east-1\n`).join('\n'),
  );
  writeFileSync(
    join(awsFiles, 'credentials'),
    members
      .map(
        (m, i) =>
          `[member-${i + 1}]\naws_access_key_id = ${m.credentials.accessKeyId}\naws_secret_access_key = ${m.credentials.secretAccessKey}\n`,
      )
      .join('\n'),
  );
  const host = await startHost({
    workspaceTemplate: join(ROOT, 'samples'),
    userSettings: {
      'awsBackupPitr.aws.endpoint': emulator.url,
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'awsBackupPitr.posture.profiles': ['member-1', 'member-2'],
    },
    env: {
      ...emulatorEnv(emulator),
      AWS_CONFIG_FILE: join(awsFiles, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(awsFiles, 'credentials'),
    },
  });
  const browser = await launchChromium();
  let passes = 0;
  let failures = 0;
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(
      host.url([
        ['extensionDevelopmentPath', remoteUri(host.port, ROOT)],
        ['skipWelcome', 'true'],
      ]),
    );
    const row = (text: string) => page.locator(`.monaco-list-row:has-text("${text}")`).first();
    const quick = page.locator('.quick-input-widget');
    const choose = async (waitFor: string, filter: string): Promise<void> => {
      await quick.locator(`.monaco-list-row:has-text("${waitFor}")`).first().waitFor({ timeout: 30_000 });
      await page.keyboard.type(filter, { delay: 10 });
      await page.keyboard.press('Enter');
    };
    const showNotifications = (): Promise<void> => openNotificationCentre(page);
    const steps: Step[] = [
      {
        name: 'opens the AWS Backup view from the activity bar and sees the connection and vaults',
        run: async (p) => {
          await p.locator(AWS_BACKUP_ACTIVITY).first().click({ timeout: 60_000 });
          await row('Local emulator').waitFor({ timeout: 30_000 });
          await row('prod-pitr').waitFor({ timeout: 30_000 });
          // Widen the side bar, as a person would, so the windows are readable.
          const bar = await p.locator('.part.sidebar').first().boundingBox();
          if (bar) {
            const edge = bar.x + bar.width + 2;
            await p.mouse.move(edge, bar.y + 300);
            await p.mouse.down();
            await p.mouse.move(720, bar.y + 300, { steps: 10 });
            await p.mouse.up();
          }
        },
      },
      {
        name: 'expands a vault and sees a continuous point with its restorable window',
        run: async (p) => {
          await row('prod-pitr').click();
          const pitr = p.locator('.monaco-list-row:has-text("orders-bucket"):has-text("restorable")').first();
          await pitr.waitFor({ timeout: 30_000 });
          const text = (await pitr.textContent()) ?? '';
          if (
            !/PITR · S3 · restorable \d{4}-\d\d-\d\d \d\d:\d\d:\d\d → \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(
              text,
            )
          )
            throw new Error(`unexpected row text: ${text}`);
          await p.screenshot({ path: join(OUT, 'explorer.png') });
        },
      },
      {
        name: 'opens the restore timeline of a continuous point, sees its window drawn, and clicks a second of it to restore',
        run: async (p) => {
          const point = p.locator('.monaco-list-row:has-text("orders-db"):has-text("PITR")').first();
          await point.hover();
          await point
            .locator('.action-label[aria-label="Show Restore Timeline"]')
            .first()
            .click({ timeout: 15_000 });
          const frame = p.frameLocator('iframe.webview').frameLocator('iframe');
          await frame.locator('svg rect.window').first().waitFor({ timeout: 30_000 });
          const heading = (await frame.locator('#title').first().textContent()) ?? '';
          if (!heading.includes('orders-db')) throw new Error(`unexpected heading: ${heading}`);
          await p.screenshot({ path: join(OUT, 'timeline.png') });
          // A click on the window asks to restore to that second: the flow opens at the restore
          // time, the second filled in and checked against the window.
          await frame.locator('svg rect.window').first().click();
          // The filled-in second is checked at once: its check replaces the prompt.
          await quick.locator(':text("Restores to")').first().waitFor({ timeout: 15_000 });
          const value = await quick.locator('.quick-input-box input').first().inputValue();
          if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value))
            throw new Error(`the restore time is not the clicked second: "${value}"`);
          const said = (await quick.locator(':text("Restores to")').first().textContent()) ?? '';
          if (!said.includes(`${value.replace('T', ' ').replace('Z', '')} UTC`))
            throw new Error(`the check does not say the clicked second back: "${said}"`);
          await p.screenshot({ path: join(OUT, 'timeline-restore.png') });
          await p.keyboard.press('Escape');
          await quick.waitFor({ state: 'hidden', timeout: 15_000 });
        },
      },
      {
        name: 'opens a backup plan and sees the linter at work on it',
        run: async (p) => {
          await row('backup-plan.json')
            .waitFor({ timeout: 5_000 })
            .catch(() => undefined);
          await p.keyboard.press('Control+P');
          await p.keyboard.type('backup-plan.json', { delay: 10 });
          await p
            .locator('.quick-input-list .monaco-list-row:has-text("backup-plan.json")')
            .first()
            .waitFor({ timeout: 15_000 });
          await p.keyboard.press('Enter');
          await p.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
          await p.screenshot({ path: join(OUT, 'lint.png') });
        },
      },
      {
        name: 'restores one prefix of an S3 bucket to a chosen second through the palette, and sees the job complete',
        run: async (p) => {
          // Jobs in the sandbox run 45 s; this one should end while the test watches.
          await restoreJobsRun(emulator, 3_000);
          const second = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 1000) * 1000);
          const typed = second.toISOString().replace(/\.\d{3}Z$/, 'Z');
          await runCommand(p, 'AWS Backup: Restore to a Point in Time');
          await choose('prod-pitr', 'prod-pitr');
          await choose('orders-bucket', 'orders-bucket');
          await choose('A specific second', 'specific');
          // The input box replaces the pick: wait for its prompt before typing.
          await quick.locator(':text("Restore time: ISO 8601")').first().waitFor({ timeout: 15_000 });
          await p.keyboard.type(typed, { delay: 10 });
          const shown = quick.locator(`:text("${typed.replace('T', ' ').replace('Z', '')} UTC")`).first();
          await shown.waitFor({ timeout: 15_000 });
          await p.keyboard.press('Enter');
          await choose('An existing bucket', 'existing');
          await quick.locator(':text("existing bucket name")').first().waitFor({ timeout: 15_000 });
          await p.keyboard.type('orders-restore', { delay: 10 });
          await p.keyboard.press('Enter');
          // One prefix of the bucket (an item-level restore), typed and checked as typed.
          await choose('Up to five objects or prefixes', 'Up to five');
          await quick.locator(':text("Up to five S3 URIs")').first().waitFor({ timeout: 15_000 });
          await p.keyboard.type(PREFIX, { delay: 10 });
          await quick
            .locator(':text("Restores 1 item of orders-bucket")')
            .first()
            .waitFor({ timeout: 15_000 });
          await p.keyboard.press('Enter');
          await choose('SSE-S3', 'SSE-S3');
          await choose('Do not restore ACLs', 'Do not restore');
          await choose('AWSBackupDefaultServiceRole', 'AWSBackupDefaultServiceRole');
          // The request opens for review; the start is a click on the CodeLens above it.
          const dialog = await startFromLens(p, 'restore-review.png');
          const said = (await dialog.textContent()) ?? '';
          if (
            !said.includes(`${typed.replace('T', ' ').replace('Z', '')} UTC`) ||
            !said.includes('orders-restore') ||
            !said.includes(`What is restored: only 1 item: "${PREFIX}" (a prefix: everything under it)`)
          )
            throw new Error(`the confirmation does not say what will happen: ${said}`);
          await p.screenshot({ path: join(OUT, 'restore-confirm.png') });
          await clickStart(p, dialog);
          // Toasts may hide while the page has no focus: read the notification centre, where they stay.
          await showNotifications();
          const done = p.locator(
            '.notifications-center .notification-list-item:has-text("completed"):has-text("arn:aws:s3:::orders-restore")',
          );
          await done
            .first()
            .waitFor({ timeout: 60_000 })
            .catch((e: unknown) => {
              throw new Error(
                `no completion notice (${startRequests(emulator).length} StartRestoreJob received): ${String(e)}`,
              );
            });
          await p.screenshot({ path: join(OUT, 'restore-done.png') });
          const starts = startRequests(emulator);
          const metadata = (starts.at(-1)?.input as { Metadata?: Record<string, string> } | undefined)
            ?.Metadata;
          if (
            starts.length !== 1 ||
            metadata?.RestoreTime !== typed ||
            metadata.DestinationBucketName !== 'orders-restore' ||
            metadata.ItemsToRestore !== JSON.stringify([PREFIX])
          )
            throw new Error(`the emulator received ${JSON.stringify(starts.map((r) => r.input))}`);
        },
      },
      {
        name: 'after a window reload, a running restore job started from the tree is watched again to its end',
        run: async (p) => {
          await restoreJobsRun(emulator, 25_000);
          await p.keyboard.press('Escape');
          const point = p.locator('.monaco-list-row:has-text("orders-db"):has-text("PITR")').first();
          await point.click({ button: 'right' });
          // The context menu (in a shadow root): its first entry, by keyboard.
          await p.keyboard.press('ArrowDown');
          await p.keyboard.press('Enter');
          await choose('Latest restorable time', 'Latest');
          await quick.locator(':text("new DB instance identifier")').first().waitFor({ timeout: 15_000 });
          await p.keyboard.press('Enter'); // the suggested identifier
          await choose('Continue with these settings', 'Continue');
          await choose('AWSBackupDefaultServiceRole', 'AWSBackupDefaultServiceRole');
          await clickStart(p, await startFromLens(p));
          // The job runs (PENDING or RUNNING) when the window reloads: its progress is in the centre.
          await showNotifications();
          await p
            .locator('.notifications-center .notification-list-item:has-text("Restore orders-db")')
            .first()
            .waitFor({ timeout: 30_000 });
          const started = startRequests(emulator).length;
          await p.reload();
          await row('prod-pitr').waitFor({ timeout: 60_000 });
          await showNotifications();
          await p
            .locator(
              '.notifications-center .notification-list-item:has-text("Restore of orders-db"):has-text("completed")',
            )
            .first()
            .waitFor({ timeout: 90_000 });
          await p.screenshot({ path: join(OUT, 'restore-after-reload.png') });
          const after = startRequests(emulator).length;
          if (after !== started) throw new Error(`the reload sent ${after - started} more StartRestoreJob`);
        },
      },
      ...lifecycleSteps({ emulator, out: OUT, showNotifications, runCommand }),
      {
        name: 'opens the recovery posture of three accounts: breaches first, each RPO a bar against its target',
        run: async (p) => {
          await runCommand(p, 'AWS Backup: Show Recovery Posture');
          const frame = p.frameLocator('iframe.webview').frameLocator('iframe');
          await frame.locator('#table tbody tr.miss').first().waitFor({ timeout: 60_000 });
          const first = (await frame.locator('#table tbody tr').first().textContent()) ?? '';
          if (!first.startsWith('MISSES')) throw new Error(`the first row is not a breach: ${first}`);
          const status = (await frame.locator('#status').first().textContent()) ?? '';
          if (!/\d+ resources, \d+ missing their RPO target, 0 account–Regions not read/.test(status))
            throw new Error(`unexpected status: ${status}`);
          for (const id of ['123456789012', '210000000001', '210000000002'])
            await frame.locator(`#table tbody tr:has-text("${id}")`).first().waitFor({ timeout: 5_000 });
          await p.keyboard.press('Escape');
          // The side bar out of the way (View: Toggle Primary Side Bar), as a person reading a wide table would.
          await runCommand(p, 'View: Toggle Primary Side Bar Visibility');
          await p.keyboard.press('Escape');
          await frame.locator('#table tbody tr.miss').first().waitFor({ timeout: 10_000 });
          await p.screenshot({ path: join(OUT, 'posture.png') });
        },
      },
    ];
    for (const s of steps) {
      try {
        await s.run(page);
        passes++;
        console.log(`  ✔ ${s.name}`);
      } catch (e) {
        failures++;
        console.log(`  ✘ ${s.name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        await page.screenshot({ path: join(OUT, `failed-${passes + failures}.png`) }).catch(() => undefined);
      }
    }
    const name =
      'in an untrusted workspace, a restore from a file is refused with the reason, and nothing is sent';
    try {
      await host.stop();
      await untrustedFileRestoreRefused(browser, emulator);
      passes++;
      console.log(`  ✔ ${name}`);
    } catch (e) {
      failures++;
      console.log(`  ✘ ${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  } finally {
    await browser.close();
    await host.stop();
    await emulator.close();
  }
  const file = process.env.TEST_STATS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ passes, failures, pending: 0 }));
  console.log(`  screenshots in ${OUT}`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  },
);
