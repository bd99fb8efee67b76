import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';

describe('AWS connection settings in a real VS Code host', () => {
  it('ignores a workspace that sets the endpoint or the profile', async () => {
    const ext = await api();
    const c = vscode.workspace.getConfiguration('awsBackupPitr.aws');
    assert.equal(
      c.inspect<string>('endpoint')?.workspaceValue ??
        c.inspect<string>('endpoint')?.workspaceFolderValue ??
        'not read',
      'not read',
      'VS Code itself does not apply machine-scoped settings from a workspace',
    );
    const s = ext.awsSettings();
    assert.equal(s.endpoint, undefined);
    assert.equal(s.profile, undefined);
  });

  it("takes the endpoint from the user's settings", async () => {
    const ext = await api();
    const c = vscode.workspace.getConfiguration('awsBackupPitr.aws');
    await c.update('endpoint', 'http://127.0.0.1:4566', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(ext.awsSettings().endpoint, 'http://127.0.0.1:4566');
    } finally {
      await c.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
