import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackupApi, type BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { DEFAULT_DEADLINES, deadlinesWithin } from '../../../src/aws/deadline';
import { AwsAccessError } from '../../../src/aws/errors';
import { collect, DEFAULT_PAGING_BOUND, pages } from '../../../src/aws/paging';
import { ErrorNode } from '../../../src/explorer/nodes/base';
import { ConnectionNode } from '../../../src/explorer/nodes/connection';
import { runPostureCli } from '../../../src/posture/cli';
import { isolateAwsEnvironment } from './awsTestEnv';
import { startHostileServer, type HostileMode, type HostileServer } from './hostileServer';

/**
 * The access layer against servers that misbehave: every request ends by its deadline, every listing
 * by its bound, and what the user reads is one sentence about the endpoint, never the SDK's own text.
 * The deadlines are shortened (1.5 s) so the checks take seconds; the defaults are in deadline.ts.
 */
describe('hostile servers: no hang, no endless paging, no internal error text', function () {
  this.timeout(60_000);
  let env: ReturnType<typeof isolateAwsEnvironment>;
  const servers: HostileServer[] = [];
  const factories: BackupClientFactory[] = [];
  before(() => {
    env = isolateAwsEnvironment();
  });
  after(async () => {
    for (const f of factories) f.dispose();
    await Promise.all(servers.map((s) => s.close()));
    env.restore();
  });

  async function hostile(mode: HostileMode, items?: number): Promise<HostileServer> {
    const s = await startHostileServer(mode, items !== undefined ? { items } : {});
    servers.push(s);
    return s;
  }
  /** The extension's door to the server: 4 attempts per request, every command ended after 1.5 s. */
  async function door(url: string | undefined, c: Partial<Connection> = {}): Promise<BackupApi> {
    const f = new BackupClientFactory({ maxAttempts: 4, deadlines: deadlinesWithin(1_500) });
    factories.push(f);
    return openBackupApi(f, {
      region: 'us-east-1',
      ...(url ? { endpoint: url, localEmulator: true } : {}),
      ...c,
    });
  }
  async function failure(p: Promise<unknown>): Promise<{ error: AwsAccessError; ms: number }> {
    const t = Date.now();
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof AwsAccessError, String(e));
      return { error: e, ms: Date.now() - t };
    }
    assert.fail('expected a failure');
  }
  /** One sentence of ours: no line break, none of the SDK's or Node's internal words. */
  function oneSentence(message: string): void {
    assert.doesNotMatch(
      message,
      /\n|@smithy|Deserialization|\$response|TypeError|SyntaxError|ETIMEDOUT|\bms\b/,
    );
    assert.match(message, /\.$/, `ends as a sentence: ${message}`);
    assert.doesNotMatch(message, /[.:]\s+[A-Z]/, `one sentence: ${message}`);
  }

  it('a server that accepts and never answers: the request ends at its deadline, said in one sentence', async () => {
    const s = await hostile('silent');
    const { error, ms } = await failure(collect((await door(s.url)).listBackupVaults()));
    assert.ok(ms < 4_000, `ended after ${ms} ms`);
    assert.equal(error.kind, 'unreachable');
    assert.equal(
      error.message,
      `${s.url} did not answer ListBackupVaults within 1.5 s: check that it is an AWS Backup endpoint and that it is running.`,
    );
    oneSentence(error.message);
  });

  it('a server that trickles its body: the request ends at its deadline too', async () => {
    const s = await hostile('trickle');
    const { error, ms } = await failure((await door(s.url)).describeBackupVault('v'));
    assert.ok(ms < 4_000, `ended after ${ms} ms`);
    assert.equal(
      error.message,
      `${s.url} began to answer DescribeBackupVault but had not finished after 1.5 s: check that it is an AWS Backup endpoint and that it is running.`,
    );
    assert.equal(s.requests, 1, 'no attempt after the deadline');
  });

  it('an answer that is not AWS Backup’s JSON: a sentence about the server, not "Deserialization error"', async () => {
    const s = await hostile('garbage');
    const { error } = await failure(collect((await door(s.url)).listProtectedResources()));
    assert.equal(
      error.message,
      `The answer of ${s.url} to ListProtectedResources could not be read as AWS Backup's (HTTP 200, text/html): check that it is an AWS Backup endpoint.`,
    );
    oneSentence(error.message);
  });

  it('an error answer that names no error: a sentence about the server, not "UnknownError"', async () => {
    const s = await hostile('nameless');
    const { error } = await failure((await door(s.url)).describeBackupVault('v'));
    assert.equal(
      error.message,
      `The answer of ${s.url} to DescribeBackupVault could not be read as AWS Backup's (HTTP 400, application/json): check that it is an AWS Backup endpoint.`,
    );
  });

  it('an endpoint that is not a URL: says which setting or variable, not "TypeError: Invalid URL"', async () => {
    const fromSetting = await failure(
      collect(
        (
          await door(undefined, { profile: 'emulator', endpoint: 'backup.local:4566/x y' })
        ).listBackupVaults(),
      ),
    );
    assert.match(
      fromSetting.error.message,
      /^The AWS Backup endpoint ".*" from the endpoint setting \(awsBackupPitr\.aws\.endpoint\) is not an http:\/\/ or https:\/\/ URL: give one such as https:\/\/backup\.us-east-1\.amazonaws\.com or http:\/\/127\.0\.0\.1:4566\.$/,
    );
    process.env.AWS_ENDPOINT_URL_BACKUP = 'not a url';
    try {
      const fromEnv = await failure(
        collect((await door(undefined, { profile: 'emulator' })).listBackupVaults()),
      );
      assert.match(
        fromEnv.error.message,
        /^The AWS Backup endpoint "not a url" from AWS_ENDPOINT_URL_BACKUP is not an http:\/\/ or https:\/\/ URL/,
      );
      oneSentence(fromEnv.error.message);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_BACKUP;
    }
  });

  it('a server that hands out a new NextToken on every page: the listing stops at its bound, said', async () => {
    const s = await hostile('endless');
    const api = await door(s.url);
    const byPages = await failure(
      collect(pages((t) => api.listBackupVaultsPage(t), undefined, { maxPages: 40, maxMs: 60_000 })),
    );
    assert.equal(s.requests, 40);
    assert.match(
      byPages.error.message,
      /^ListBackupVaults did not end: the server answered 40 pages \(40 items\) in \d+ s, each with a new NextToken, and was stopped there \(no AWS Backup listing is that long\): check that the endpoint is AWS Backup\.$/,
    );
    const before = s.requests;
    const byTime = await failure(
      collect(pages((t) => api.listBackupVaultsPage(t), undefined, { maxPages: 1e9, maxMs: 300 })),
    );
    assert.match(byTime.error.message, /^ListBackupVaults did not end/);
    assert.ok(byTime.ms < 3_000 && s.requests > before);
  });

  it('a server that repeats the token it was sent: the listing ends there (the repeated-token guard)', async () => {
    const s = await hostile('repeat');
    const vaults = await collect((await door(s.url)).listBackupVaults());
    assert.deepEqual(
      vaults.map((v) => v.BackupVaultName),
      ['v-1', 'v-2'],
    );
    assert.equal(s.requests, 2);
  });

  it('a page of 200,000 items is collected without a RangeError', async () => {
    const s = await hostile('huge', 200_000);
    // The default deadlines: the SDK takes seconds to read 200,000 points.
    const f = new BackupClientFactory({ maxAttempts: 1 });
    factories.push(f);
    const api = await openBackupApi(f, { region: 'us-east-1', endpoint: s.url, localEmulator: true });
    const points = await collect(api.listRecoveryPoints('v'));
    assert.equal(points.length, 200_000);
  });

  it('no page is spread into push() anywhere in src (a 200,000-item page overflows the stack)', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
      );
    const spread = walk('src').filter((f) => /\.push\(\s*\.\.\./.test(readFileSync(f, 'utf8')));
    assert.deepEqual(spread, []);
  });

  it('the docs state the deadlines and the paging bound the code has', () => {
    // pitr-posture's page (docs/posture.md) says them; the README links it.
    const readme = ['README.md', 'docs/posture.md']
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
      .replace(/\s+/g, ' ');
    const d = DEFAULT_DEADLINES;
    const b = DEFAULT_PAGING_BOUND;
    assert.ok(
      readme.includes(
        `(${d.connectionMs / 1000} s to connect, ${d.answerMs / 1000} s for each attempt's answer, ${d.commandMs / 1000} s for the whole request`,
      ),
    );
    assert.ok(
      readme.includes(`(${b.maxPages.toLocaleString('en-US')} pages or ${b.maxMs / 60_000} minutes)`),
    );
  });

  it('the explorer shows a retry node, with the sentence, when the server never answers', async () => {
    const s = await hostile('silent');
    const root = new ConnectionNode({
      api: await door(s.url),
      now: () => new Date(),
      pageSize: 100,
      changed: () => undefined,
    });
    const [vaults] = await root.children();
    const [node] = await vaults!.children();
    assert.ok(node instanceof ErrorNode);
    const view = node.view();
    assert.equal(
      view.label,
      `Could not list backup vaults: ${s.url} did not answer ListBackupVaults within 1.5 s: check that it is an AWS Backup endpoint and that it is running.`,
    );
    assert.equal(view.command?.command, 'awsBackupPitr.explorer.retry');
  });

  describe('pitr-posture', () => {
    async function posture(url: string, extra: NodeJS.ProcessEnv = {}) {
      let stdout = '';
      let stderr = '';
      const t = Date.now();
      const code = await runPostureCli(['--profile', 'emulator', '--region', 'us-east-1'], {
        stdout: (x) => (stdout += x),
        stderr: (x) => (stderr += x),
        progressTty: false,
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_BACKUP: url,
          PITR_COMMAND_DEADLINE_MS: '1500',
          PITR_PAGING_MAX_PAGES: '30',
          ...extra,
        },
        version: '0',
      });
      return { code, stdout, stderr, ms: Date.now() - t };
    }
    /** Only the CLI reads AWS_ENDPOINT_URL_BACKUP from its env, the SDK from process.env: both set. */
    async function withEndpoint<T>(url: string, f: () => Promise<T>): Promise<T> {
      process.env.AWS_ENDPOINT_URL_BACKUP = url;
      try {
        return await f();
      } finally {
        delete process.env.AWS_ENDPOINT_URL_BACKUP;
      }
    }

    for (const mode of ['silent', 'trickle'] as const)
      it(`against a server that ${mode === 'silent' ? 'never answers' : 'trickles its body'}: exit 2 in seconds, one sentence`, async () => {
        const s = await hostile(mode);
        const r = await withEndpoint(s.url, () => posture(s.url));
        assert.equal(r.code, 2, r.stderr);
        assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
        const lines = r.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, r.stderr);
        assert.match(
          lines[0]!,
          new RegExp(
            `^pitr-posture: emulator · us-east-1 not read: ${s.url.replace(/\./g, '\\.')} (did not answer|began to answer) \\w+ (within|but had not finished after) 1\\.5 s: check that it is an AWS Backup endpoint and that it is running\\.$`,
          ),
        );
      });

    it('against a server that never stops paging: exit 2, one sentence', async () => {
      const s = await hostile('endless');
      const r = await withEndpoint(s.url, () => posture(s.url));
      assert.equal(r.code, 2, r.stderr);
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(
        lines[0]!,
        /^pitr-posture: emulator · us-east-1 not read: \w+ did not end: the server answered 30 pages/,
      );
    });
  });
});
