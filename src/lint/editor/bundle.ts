/** `dist/lint.js`: the lint engine and its editor adapter, loaded on first use (src/bundles.ts). */
export { registerLint, type LintFeature } from './register';
