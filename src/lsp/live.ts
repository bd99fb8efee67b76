/**
 * Live checks in the server, off unless the client turns them on (`initializationOptions.live`):
 * either the client answers each fact from its own connection (the VS Code extension:
 * src/lint/liveProxy.ts), or the server signs its own requests with the profile and Region named
 * (./standaloneLive.ts, dist/lsp-live.js, loaded only then), with the extension's bounds and caches
 * (src/aws/liveFacts.ts). An endpoint is taken only when it is loopback (a local emulator).
 */
import { join } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node';
import { LIVE_CHECKED_KINDS } from '../lint/kinds';
import { liveCheck, type LiveFacts } from '../lint/live';
import { liveCheckEmbedded } from '../lint/liveEmbedded';
import {
  LIVE_FACT_REQUEST,
  type LiveFactParams,
  type LiveFactResult,
  type LspInitializationOptions,
} from '../lint/lspProtocol';
import { liveFactsOver } from '../lint/liveProxy';
import { withSeverity } from '../lint/rules';
import type { Finding, LintResult, SeveritySetting } from '../lint/types';
import { prepareFormats } from '../lint/formats';
import { fileNameOf } from './documentLints';
import type * as standaloneLive from './standaloneLive';

/**
 * The AWS SDK and the access layer, for live checks the server makes itself: a bundle of their own
 * (dist/lsp-live.js, scripts/build.mjs) beside dist/lsp.js, shipped in the npm package only — VS Code's
 * extension answers live facts from its own connection, so the .vsix carries no second SDK.
 */
function loadStandaloneLive(): typeof standaloneLive {
  // A path esbuild cannot follow, so the bundle stays a file of its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, 'lsp-live.js')) as typeof standaloneLive;
}

/** How long the client may take to answer one fact. */
const CLIENT_FACT_TIMEOUT_MS = 15_000;

export class LiveRunner {
  private facts: Promise<LiveFacts | undefined> = Promise.resolve(undefined);
  private readonly runs = new Map<string, AbortController>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (m: string) => void,
  ) {}

  configure(live: LspInitializationOptions['live']): void {
    if (!live || typeof live !== 'object') return;
    if ('client' in live && live.client === true) {
      const ask = (params: LiveFactParams): Promise<LiveFactResult> =>
        withTimeout(
          this.connection.sendRequest<LiveFactResult>(LIVE_FACT_REQUEST, params),
          CLIENT_FACT_TIMEOUT_MS,
        );
      this.facts = Promise.resolve(liveFactsOver(ask));
      return;
    }
    if ('region' in live && typeof live.region === 'string' && live.region) {
      this.facts = Promise.resolve()
        .then(() => loadStandaloneLive().standaloneFacts(live, this.log))
        .catch((e: unknown) => {
          this.log(`live checks are off: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        });
    }
  }

  /** The live findings for this lint result (none without facts, or when a check cannot be made). */
  async check(
    doc: TextDocument,
    result: LintResult,
    severity: Readonly<Record<string, SeveritySetting>>,
  ): Promise<Finding[]> {
    const facts = await this.facts;
    const embedded = result.recognition.format !== undefined;
    if (!facts || (!embedded && !LIVE_CHECKED_KINDS.has(result.recognition.kind))) return [];
    this.runs.get(doc.uri)?.abort();
    const controller = new AbortController();
    this.runs.set(doc.uri, controller);
    try {
      // The HCL parser starts in this thread too (the lint ran in the worker's): once, on the first .tf.
      if (embedded) await prepareFormats(doc.getText(), fileNameOf(doc.uri));
      const raw = embedded
        ? await liveCheckEmbedded(doc.getText(), fileNameOf(doc.uri), facts, controller.signal)
        : await liveCheck(doc.getText(), result.recognition, facts, controller.signal);
      return controller.signal.aborted ? [] : withSeverity(raw, severity);
    } catch {
      // No connection, no permission, throttled: live checks stay silent, as in the extension.
      return [];
    } finally {
      if (this.runs.get(doc.uri) === controller) this.runs.delete(doc.uri);
    }
  }

  forget(uri: string): void {
    this.runs.get(uri)?.abort();
    this.runs.delete(uri);
  }

  dispose(): void {
    for (const c of this.runs.values()) c.abort();
    this.runs.clear();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the client did not answer in time')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
