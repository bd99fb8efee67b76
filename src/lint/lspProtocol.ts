/**
 * What `pitr-lsp` (src/lsp) and its clients agree on beyond LSP 3.17: the initialization options,
 * the settings section, and one custom request by which the server asks the client for live facts.
 * No `vscode`, no I/O: the server and the extension's client (src/lint/editor) both import it.
 */
import type { DocumentFamily, LintResult, SeveritySetting } from './types';

/** The settings section the server asks for with `workspace/configuration`. */
export const LSP_SETTINGS_SECTION = 'awsBackupPitr.lint';

/** Settings per document (`workspace/configuration`), or for every document (`initializationOptions.settings`). */
export interface LspLintSettings {
  enable?: boolean;
  /** Glob → kind, as `pitr-lint --kind GLOB=KIND`. */
  files?: Record<string, DocumentFamily>;
  /** Code → severity, as `pitr-lint --severity CODE=LEVEL`. */
  severity?: Record<string, SeveritySetting>;
  /** Live checks (LIVE001…), when a source of live facts is configured. */
  live?: boolean;
}

export interface LspInitializationOptions {
  settings?: LspLintSettings;
  /** Milliseconds a document may take to lint before it is given up (default {@link DEFAULT_TIME_BUDGET_MS}). */
  timeBudgetMs?: number;
  /**
   * Live checks against an AWS account: off unless named. `client`: the client answers
   * {@link LIVE_FACT_REQUEST} (the VS Code extension, with its own connection); otherwise the server
   * signs its own requests with this profile in this Region (an endpoint is taken only if it is loopback).
   */
  live?: { client: true } | { profile?: string; region: string; endpoint?: string };
  /**
   * `push` (textDocument/publishDiagnostics) or `pull` (textDocument/diagnostic). Default: pull when the
   * client supports it, push otherwise.
   */
  diagnostics?: 'push' | 'pull';
  /** Send {@link LINTED_NOTIFICATION} after each lint. */
  results?: boolean;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** The server asks the client one fact of `LiveFacts` (src/lint/live.ts). */
export const LIVE_FACT_REQUEST = 'awsBackupPitr/liveFact';

export type LiveFactParams =
  | { fact: 'vaults' }
  | { fact: 'continuousVaultOf'; arn: string }
  | { fact: 'planContinuousVaults'; planId: string }
  | { fact: 'windowOf'; arn: string }
  | { fact: 'regionOptIn' };

/**
 * The answer: `null` when the client has no connection (live checks then stay silent); otherwise
 * the fact, with sets as arrays and times as epoch milliseconds.
 */
export type LiveFactResult = { region: string; value: unknown } | null;

/** The code of the one diagnostic the server makes itself: the document could not be linted in time. */
export const TOO_SLOW_CODE = 'LSP001';

/** The diagnostic the server makes when linting a document failed (an internal error; logged). */
export const LINT_FAILED_CODE = 'LSP002';

/**
 * With `initializationOptions.results`, the server also sends each document's whole result after
 * each lint (the VS Code extension's status item, restore and deploy read what a file is from it).
 */
export const LINTED_NOTIFICATION = 'awsBackupPitr/linted';

export interface LintedParams {
  uri: string;
  version: number;
  /** Null: not an AWS Backup file, linting is off, or it was not linted (the diagnostics say why). */
  result: LintResult | null;
}

/** Lints a text that is not open (the extension's "Lint All AWS Backup Files in Workspace"). */
export const LINT_TEXT_REQUEST = 'awsBackupPitr/lintText';

export interface LintTextParams {
  uri: string;
  text: string;
}
