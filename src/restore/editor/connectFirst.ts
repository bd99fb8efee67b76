import * as vscode from 'vscode';

/** The restore lists vaults and points: without a connection, it offers to make one. */
export function connectFirst(): undefined {
  const connect = 'Connect…';
  const emulator = 'Use a Local Emulator…';
  void vscode.window
    .showErrorMessage(
      'Connect to AWS first: the restore lists your vaults and recovery points.',
      connect,
      emulator,
    )
    .then((picked) =>
      picked === connect
        ? vscode.commands.executeCommand('awsBackupPitr.connect')
        : picked === emulator
          ? vscode.commands.executeCommand('awsBackupPitr.useLocalEmulator')
          : undefined,
    );
  return undefined;
}
