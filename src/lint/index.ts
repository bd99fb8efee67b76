/** The lint engine's public surface: no `vscode` here, so the CLI and plain-Node tests share it. */
export { lint, type LintInput } from './engine';
export { recognize } from './recognize';
export { RULES, RULES_BY_CODE, OFF_BY_DEFAULT, ruleInfo, type RuleInfo } from './rules';
export { ADAPTERS, lintedExtensions } from './formats';
export type { EmbeddedDocument, FormatAdapter, UnknownNode } from './formats/types';
export * from './types';
export {
  lintForSending,
  liveLines,
  problemLines,
  type LiveOutcome,
  type SendInput,
  type SendKinds,
  type SendLint,
} from './sendGate';
export type { LiveFacts } from './live';
