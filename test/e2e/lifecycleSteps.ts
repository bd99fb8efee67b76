/**
 * The end-to-end tour's lifecycle steps, clicked and typed as a person would: delete an RDS
 * continuous recovery point from the explorer's context menu (the consequence read in the real
 * modal, the resource name typed, the point gone from the tree), and update a backup plan from its
 * document through VS Code's diff editor (the real modal, the new version in the account).
 */
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/server';
import type { PwLocator, PwPage } from '../integration/vscodeHost';

export interface Step {
  name: string;
  run: (page: PwPage) => Promise<void>;
}

/** What the steps use of the tour. */
export interface TourContext {
  emulator: Emulator;
  /** Where screenshots go. */
  out: string;
  showNotifications(): Promise<void>;
  /** Runs a command from the palette by its title, as the tour does. */
  runCommand(page: PwPage, title: string): Promise<void>;
}

interface Received {
  operation: string;
  input: Record<string, unknown>;
}
const received = (emulator: Emulator, operation: string): Received[] =>
  emulator.state.requests.filter((r) => r.operation === operation);

/**
 * Clicks an entry of the context menu now open (VS Code draws it in a shadow root, which locators
 * enter). VS Code ignores a mouse-up that comes too soon after the menu opened (it takes it for the
 * end of the right-click), so a click that left the menu open is followed by the keyboard: the entry
 * is hovered, which focuses it, and Enter runs it.
 */
async function menuEntry(page: PwPage, title: string): Promise<void> {
  const entry = page.locator(`.monaco-menu .action-item:has(.action-label:text-is("${title}"))`).first();
  await entry.waitFor({ timeout: 15_000 });
  await new Promise((r) => setTimeout(r, 300));
  await entry.click({ timeout: 15_000 });
  const menu = page.locator('.monaco-menu').first();
  const closed = await menu
    .waitFor({ state: 'hidden', timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  if (closed) return;
  console.log(`    (the menu ignored the click on "${title}": chosen by keyboard)`);
  await entry.hover();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {
    throw new Error(`the context menu stayed open after choosing "${title}"`);
  });
}

/** Closes every notification and the notification centre, so no toast covers what comes next. */
async function clearNotifications(page: PwPage, ctx: TourContext): Promise<void> {
  await ctx.runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
  await page
    .locator('.notification-toast, .notifications-center.visible')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined);
}

/** Right-clicks a tree row once it is drawn and stays put (selected first, so the menu is its own). */
async function contextMenuOf(row: PwLocator): Promise<void> {
  await row.waitFor({ timeout: 30_000 });
  await row.click({ timeout: 15_000 });
  await row.locator('xpath=self::*[contains(@class, "selected")]').waitFor({ timeout: 10_000 });
  await row.click({ button: 'right', timeout: 15_000 });
}

/** The modal dialog now open; says what the extension said instead when none opens. */
async function modal(page: PwPage, ctx: TourContext, after: string): Promise<PwLocator> {
  const dialog = page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
    await ctx.showNotifications();
    const said = (await page.locator('.notifications-center').first().textContent()) ?? '';
    throw new Error(`no confirmation after ${after}; notifications: ${said}; ${String(e)}`);
  });
  return dialog;
}

const button = (dialog: PwLocator, label: string): PwLocator =>
  dialog.locator(`a.monaco-button:has-text("${label}"), button:has-text("${label}")`).first();

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function lifecycleSteps(ctx: TourContext): Step[] {
  const { emulator, out } = ctx;
  return [
    {
      name: 'deletes an RDS continuous point from its context menu: reads the consequences, types the name, sees it gone',
      run: async (p) => {
        await clearNotifications(p, ctx);
        const rdsPoint = p.locator('.monaco-list-row:has-text("orders-db"):has-text("PITR")');
        const arn = [...emulator.state.recoveryPoints.values()].find(
          (rp) => rp.ResourceName === 'orders-db' && rp.RecoveryPointArn.includes(':continuous:'),
        )?.RecoveryPointArn;
        if (!arn) throw new Error('the sandbox has no continuous point of orders-db');
        // The vault as the reload left it: expanded again if it came back collapsed.
        const vault = p.locator('.monaco-list-row[aria-expanded="false"]:has-text("prod-pitr")').first();
        if ((await rdsPoint.count()) === 0 && (await vault.count()) > 0) await vault.click();
        await contextMenuOf(rdsPoint.first());
        await menuEntry(p, 'Delete Recovery Point…');
        const dialog = await modal(p, ctx, '"Delete Recovery Point…"');
        const said = (await dialog.textContent()) ?? '';
        for (const expected of [
          'Delete the continuous backup of orders-db from prod-pitr?',
          // RDS: the data goes, and so do RDS's own automated backups.
          'permanently deleted, and RDS automated backups of orders-db are turned off',
          // A plan still selects it: deleting does not stop continuous backup.
          'This does not stop continuous backup: the plan pitr-orders (rule continuous-35d)',
          'you will type the resource name, orders-db',
        ])
          if (!said.includes(expected))
            throw new Error(`the confirmation does not say "${expected}": ${said}`);
        await button(dialog, 'Open Backup Plan')
          .waitFor({ timeout: 5_000 })
          .catch(() => {
            throw new Error('the confirmation does not offer to open the plan that selects orders-db');
          });
        // The README's picture: the dialog itself, with a margin of what is around it.
        const box = await dialog.boundingBox();
        await p.screenshot({
          path: join(out, 'delete-confirm.png'),
          ...(box
            ? { clip: { x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 32 } }
            : {}),
        });
        if (received(emulator, 'DeleteRecoveryPoint').length)
          throw new Error('DeleteRecoveryPoint was sent before the confirmation');
        await button(dialog, 'Delete Recovery Point').click();
        // The name box, as the AWS console asks: the name typed as shown.
        const quick = p.locator('.quick-input-widget');
        await quick.locator(':text("Type orders-db to delete")').first().waitFor({ timeout: 15_000 });
        await p.keyboard.type('orders-d', { delay: 10 });
        await quick.locator(':text("Type orders-db exactly")').first().waitFor({ timeout: 15_000 });
        await p.keyboard.type('b', { delay: 10 });
        await p.screenshot({ path: join(out, 'delete-typed-name.png') });
        await p.keyboard.press('Enter');
        // The vault is redrawn in place: the point is gone.
        await until('the deleted point leaves the tree', async () => (await rdsPoint.count()) === 0);
        await p.locator('.monaco-list-row:has-text("orders-bucket")').first().waitFor({ timeout: 5_000 });
        // The vault's count moved with it (it read 18 before).
        await p
          .locator('.monaco-list-row:has-text("prod-pitr"):has-text("17 recovery points")')
          .first()
          .waitFor({ timeout: 15_000 });
        await p.screenshot({ path: join(out, 'delete-done.png') });
        const sent = received(emulator, 'DeleteRecoveryPoint');
        if (
          sent.length !== 1 ||
          sent[0]!.input.RecoveryPointArn !== arn ||
          sent[0]!.input.BackupVaultName !== 'prod-pitr'
        )
          throw new Error(`the emulator received ${JSON.stringify(sent.map((r) => r.input))}`);
        if (emulator.state.recoveryPoints.has(arn)) throw new Error('the point is still in the account');
      },
    },
    {
      name: 'edits a backup plan from the explorer, updates it through the diff editor, and sees the new version',
      run: async (p) => {
        await clearNotifications(p, ctx);
        const plan = [...emulator.state.plans.values()].find(
          (x) => x.BackupPlan.BackupPlanName === 'pitr-orders',
        );
        if (!plan) throw new Error('the sandbox has no plan pitr-orders');
        const before = plan.VersionId;
        const plans = p.locator('.monaco-list-row[aria-expanded="false"]:has-text("Backup plans")');
        if ((await plans.count()) > 0) await plans.first().click();
        await contextMenuOf(p.locator('.monaco-list-row:has-text("pitr-orders")').first());
        await menuEntry(p, 'Edit Backup Plan');
        // The plan as get-backup-plan output, in a new editor: the continuous rule's retention, 35
        // days (its number is the only "35" of the document), made 21 by typing over it.
        await p
          .locator('.view-line:has-text("BackupPlanName"):has-text("pitr-orders")')
          .first()
          .waitFor({ timeout: 30_000 });
        await p.locator('.view-line:has-text("DeleteAfterDays") span:text-is("35")').first().click();
        await p.keyboard.press('End');
        await p.keyboard.press('Backspace');
        await p.keyboard.press('Backspace');
        await p.keyboard.type('21', { delay: 10 });
        await p
          .locator('.view-line:has-text("DeleteAfterDays") span:text-is("21")')
          .first()
          .waitFor({ timeout: 15_000 });
        // Back to the top of the document, where the CodeLens is: the cursor to the start, and the
        // view scrolled up past the lens line.
        await p.keyboard.press('Control+Home');
        for (let i = 0; i < 3; i++) await p.keyboard.press('Control+ArrowUp');
        const lens = p.locator('.codelens-decoration a:has-text("Update backup plan")').first();
        try {
          await lens.waitFor({ timeout: 20_000 });
          await lens.click({ timeout: 15_000 });
        } catch (e) {
          // The same command from the editor title, as a person would when the lens is out of reach.
          console.log(
            `    (no CodeLens to click, so the editor title's button: ${String(e).split('\n')[0]})`,
          );
          await p
            .locator('.editor-actions .action-label[aria-label^="Update Backup Plan"]')
            .first()
            .click({ timeout: 15_000 });
        }
        // The diff editor opens (deployed ↔ this document), and over it the confirmation.
        await p.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
        await p
          .locator('.tab.active:has-text("Backup plan pitr-orders: deployed")')
          .first()
          .waitFor({ timeout: 15_000 });
        await p
          .locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert')
          .first()
          .waitFor({ timeout: 15_000 });
        const dialog = await modal(p, ctx, '"Update backup plan"');
        const said = (await dialog.textContent()) ?? '';
        for (const expected of [
          'Update backup plan "pitr-orders"?',
          'Changing the retention of a continuous rule (continuous-35d)',
          `at version ${before}`,
        ])
          if (!said.includes(expected))
            throw new Error(`the confirmation does not say "${expected}": ${said}`);
        // The README's picture: the confirmation and the diff beside it, without the side bar.
        const box = await dialog.boundingBox();
        await p.screenshot({
          path: join(out, 'plan-update.png'),
          ...(box
            ? {
                clip: {
                  x: Math.max(0, box.x - 40),
                  y: Math.max(0, box.y - 50),
                  width: 960,
                  height: box.height + 100,
                },
              }
            : {}),
        });
        if (received(emulator, 'UpdateBackupPlan').length)
          throw new Error('UpdateBackupPlan was sent before the confirmation');
        await button(dialog, 'Update Backup Plan').click();
        await ctx.showNotifications();
        await p
          .locator(
            '.notifications-center .notification-list-item:has-text("Updated backup plan"):has-text("pitr-orders")',
          )
          .first()
          .waitFor({ timeout: 30_000 });
        const sent = received(emulator, 'UpdateBackupPlan');
        const rules = (
          sent[0]?.input.BackupPlan as {
            Rules?: { RuleName?: string; Lifecycle?: { DeleteAfterDays?: number } }[];
          }
        )?.Rules;
        if (
          sent.length !== 1 ||
          rules?.find((r) => r.RuleName === 'continuous-35d')?.Lifecycle?.DeleteAfterDays !== 21 ||
          rules.find((r) => r.RuleName === 'daily-snapshots')?.Lifecycle?.DeleteAfterDays !== 365
        )
          throw new Error(`the emulator received ${JSON.stringify(sent.map((r) => r.input))}`);
        if (plan.VersionId === before) throw new Error('the plan has no new version');
        // The document now carries the new version, so a next update is checked against it.
        await p.keyboard.press('Escape');
      },
    },
  ];
}
