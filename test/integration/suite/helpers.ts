import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';

export const EXTENSION_ID = 'aws-backup-pitr.aws-backup-pitr';

export async function api(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function fileUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'aws-backup-pitr');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/**
 * Resolves with our diagnostics for `uri` once `ready` accepts them: checked now, then on every
 * languages.onDidChangeDiagnostics for that uri. No sleeping; mocha's timeout bounds the wait.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  ready: (ds: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const now = ours(uri);
    if (ready(now)) {
      resolve(now);
      return;
    }
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = ours(uri);
      if (ready(ds)) {
        sub.dispose();
        resolve(ds);
      }
    });
  });
}

export async function open(
  relative: string,
): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fileUri(relative));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

export function textAt(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

/** The emulator the launcher started for this run. */
export const EMULATOR = process.env.PITR_TEST_EMULATOR_URL ?? '';

/** The emulator's control endpoints: faults, config, the requests it answered. */
export async function emulatorControl(path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(
    `${EMULATOR}/__emulator/${path}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  );
  return r.json();
}

/** Connects the extension to the emulator (the "Use a Local Emulator…" command) and waits for the tree. */
export async function connectToEmulator(ext: TestApi): Promise<void> {
  assert.ok(EMULATOR, 'the launcher starts the emulator and passes PITR_TEST_EMULATOR_URL');
  const tree = ext.explorer.tree;
  const connected = () => tree.rootNode?.ctx.api.connection.endpoint === EMULATOR;
  const ready = new Promise<void>((resolve) => {
    const sub = tree.onDidChangeTreeData(() => {
      if (!connected()) return;
      sub.dispose();
      resolve();
    });
  });
  await vscode.commands.executeCommand('awsBackupPitr.useLocalEmulator', EMULATOR);
  if (!connected()) await ready;
}

/** Applies the quick fix titled `title` offered for diagnostic `d`, as the light bulb would. */
export async function quickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    d.range,
  );
  const fix = actions.find((a) => a.title === title);
  assert.ok(fix?.edit, `no "${title}" among: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
}
