/**
 * A raw LSP client over stdio for tests and the bench: `pitr-lsp` in a child process, spoken to
 * through vscode-languageserver-protocol's own connection (the client side of the same library).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type InitializeResult,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** A plan whose one rule has a five-field cron (PLAN001 on line 7), as the Neovim and protocol tests open it. */
export const FIVE_FIELD = `{
  "BackupPlanName": "nightly",
  "Rules": [
    {
      "RuleName": "daily",
      "TargetBackupVaultName": "Default",
      "ScheduleExpression": "cron(0 5 * * *)"
    }
  ]
}
`;

export interface LspSession {
  connection: ProtocolConnection;
  /** The server's answer to initialize. */
  initialized: InitializeResult;
  child: ChildProcess;
  stderr(): string;
  /** What the server wrote to the client's log (window/logMessage), since it started. */
  logged(): string;
  /** Resolves with the next diagnostics published for `uri` (with `version`, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  close(): Promise<number | null>;
}

/** Starts `node <script> --stdio` (or `command`) and initializes it. */
export async function startLsp(
  command: { file: string; args: string[]; cwd?: string },
  init: {
    initializationOptions?: unknown;
    capabilities?: ClientCapabilities;
    processId?: number | null;
    /** The client's answer to `workspace/configuration`, per item (none: null). */
    configuration?: (item: { section?: string; scopeUri?: string }) => unknown;
  } = {},
): Promise<LspSession> {
  const child = spawn(command.file, command.args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(command.cwd ? { cwd: command.cwd } : {}),
  });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiting: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    for (let i = waiting.length - 1; i >= 0; i--) {
      const w = waiting[i]!;
      if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
        waiting.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  // The server may ask for settings: none here (its defaults, or initializationOptions).
  connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
    p.items.map((item) => init.configuration?.(item) ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  let log = '';
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    log += `${p.message}\n`;
  });
  connection.listen();
  const initialized: InitializeResult = await connection.sendRequest('initialize', {
    processId: init.processId === undefined ? process.pid : init.processId,
    rootUri: null,
    capabilities: init.capabilities ?? {},
    initializationOptions: init.initializationOptions ?? {},
  });
  await connection.sendNotification('initialized', {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    connection,
    initialized,
    child,
    stderr: () => err,
    logged: () => log,
    nextDiagnostics: (uri, version) =>
      new Promise((resolve) => waiting.push({ uri, ...(version !== undefined ? { version } : {}), resolve })),
    async close() {
      if (child.exitCode === null) {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      }
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
