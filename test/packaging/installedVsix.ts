/**
 * The extension as a person installs it: the packaged .vsix installed into a real VS Code host
 * (code-server), not the development folder, with no AWS account, no emulator started by anyone
 * and nothing of this repository in reach. From the welcome view, "Open the Sample Account" starts
 * the emulator inside the extension; the explorer shows its vaults, labelled as a sample; a plan
 * file gets its findings. Screenshot: test-results/screenshots/installed-sample-account.png.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AWS_BACKUP_ACTIVITY,
  launchChromium,
  installHost,
  ROOT,
  startHost,
  type PwPage,
} from '../integration/vscodeHost';

const OUT = join(ROOT, 'test-results', 'screenshots');
const VSIX = join(ROOT, 'dist', 'aws-backup-pitr.vsix');

async function step(name: string, page: PwPage, run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    console.log(`  ✔ ${name}`);
    return true;
  } catch (e) {
    console.log(`  ✘ ${name}\n    ${e instanceof Error ? e.message : String(e)}`);
    await page.screenshot({ path: join(OUT, 'failed-installed-vsix.png') }).catch(() => undefined);
    return false;
  }
}

async function main(): Promise<number> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package first`);
  installHost();
  mkdirSync(OUT, { recursive: true });
  const host = await startHost({
    workspaceTemplate: join(ROOT, 'samples'),
    userSettings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
    },
    // No AWS credentials of any kind in the host's environment.
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_ENDPOINT_URL_BACKUP: '' },
    installVsix: VSIX,
  });
  const browser = await launchChromium();
  let passes = 0;
  let failures = 0;
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(host.url([['skipWelcome', 'true']]));
    const row = (text: string) => page.locator(`.monaco-list-row:has-text("${text}")`).first();
    const checks: [string, () => Promise<void>][] = [
      [
        'the installed extension offers the sample account in the explorer welcome view, and nothing that needs this repository',
        async () => {
          await page.locator(AWS_BACKUP_ACTIVITY).first().click({ timeout: 60_000 });
          const welcome = page.locator('.welcome-view-content').first();
          await welcome
            .locator(
              'a:has-text("Open the Sample Account"), .monaco-button:has-text("Open the Sample Account")',
            )
            .first()
            .waitFor({ timeout: 60_000 });
          const text = (await welcome.textContent()) ?? '';
          if (/npm run/.test(text))
            throw new Error(`the welcome view asks for something an installed extension lacks: ${text}`);
        },
      ],
      [
        'Open the Sample Account shows its vaults, labelled as a sample on the connection node and the status bar',
        async () => {
          await page
            .locator(
              '.welcome-view-content a:has-text("Open the Sample Account"), .welcome-view-content .monaco-button:has-text("Open the Sample Account")',
            )
            .first()
            .click();
          await row('Sample account').waitFor({ timeout: 60_000 });
          await row('prod-pitr').waitFor({ timeout: 30_000 });
          await page
            .locator('.statusbar-item:has-text("Sample account")')
            .first()
            .waitFor({ timeout: 30_000 });
          await page.screenshot({ path: join(OUT, 'installed-sample-account.png') });
        },
      ],
      [
        'a plan file is linted by the installed extension (the five-field cron)',
        async () => {
          await page.keyboard.press('Control+P');
          await page.keyboard.type('backup-plan.json', { delay: 10 });
          await page
            .locator('.quick-input-list .monaco-list-row:has-text("backup-plan.json")')
            .first()
            .waitFor({ timeout: 15_000 });
          await page.keyboard.press('Enter');
          await page.keyboard.press('Control+Shift+M');
          await page
            .locator('.markers-panel .monaco-list-row:has-text("PLAN001")')
            .first()
            .waitFor({ timeout: 30_000 });
        },
      ],
    ];
    for (const [name, run] of checks)
      if (await step(name, page, run)) passes++;
      else failures++;
  } finally {
    await browser.close();
    await host.stop();
  }
  const file = process.env.TEST_STATS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ passes, failures, pending: 0 }));
  console.log(`${passes} passing, ${failures} failing`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
