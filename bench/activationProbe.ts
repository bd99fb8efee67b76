/**
 * Runs inside the VS Code extension host as the "tests" of a development extension (bundled by
 * bench/activation.ts): activates the extension, does one thing a person does, and writes what it
 * cost — activation time, the bundles loaded, the bytes of the extension's JavaScript loaded.
 */
import { statSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const ID = 'aws-backup-pitr.aws-backup-pitr';

function loadedJs(dir: string): { files: string[]; bytes: number } {
  const files = Object.keys(require.cache).filter((f) => f.startsWith(dir) && f.endsWith('.js'));
  return {
    files: files.map((f) => f.slice(dir.length)),
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
  };
}

const until = async (ok: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

export async function run(): Promise<void> {
  const scenario = process.env.PITR_BENCH_SCENARIO ?? 'json';
  const out = process.env.PITR_BENCH_OUT!;
  const ext = vscode.extensions.getExtension<{ loaded(): { name: string; ms: number }[] }>(ID);
  if (!ext) throw new Error(`${ID} is not loaded`);
  const wasActive = ext.isActive;
  const api = await ext.activate();
  // From the first line of extension.js to `activate` returning, as the extension measured it.
  const activateMs = api.loaded().find((b) => b.name === 'extension.js')?.ms ?? Number.NaN;
  const dist = `${ext.extensionPath}/dist/`;
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  let doneMs = 0;
  const t1 = performance.now();
  const files: Record<string, string> = {
    json: 'tsconfig-like.json',
    yaml: 'docker-compose.yaml',
    terraform: 'terraform/storage.tf',
    plan: 'backup-plan.json',
    tfplan: 'terraform/seminar.tf',
  };
  const file = files[scenario];
  if (file) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, file));
    await vscode.window.showTextDocument(doc);
    if (scenario === 'plan' || scenario === 'tfplan')
      await until(
        () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'aws-backup-pitr'),
        20_000,
      );
    else await new Promise((r) => setTimeout(r, 1000));
    doneMs = performance.now() - t1;
  } else {
    await vscode.commands.executeCommand('workbench.view.extension.awsBackupPitr');
    await until(() => api.loaded().some((b) => b.name === 'aws.js'), 20_000);
    doneMs = performance.now() - t1;
  }
  writeFileSync(
    out,
    JSON.stringify({ scenario, wasActive, activateMs, doneMs, loaded: api.loaded(), js: loadedJs(dist) }),
  );
}
