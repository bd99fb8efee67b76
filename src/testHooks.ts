/**
 * Whether `activate` may return the integration tests' hooks (the explorer, the restore flows'
 * scripted prompts, remembered jobs): only when VS Code runs the extension in development or test
 * mode — never an installed .vsix — and the test launcher set this variable in the extension
 * host's environment, which no workspace, setting or other extension can do.
 */
export const TEST_HOOKS_ENV = 'AWS_BACKUP_PITR_TEST_HOOKS';

export function testHooksAllowed(env: NodeJS.ProcessEnv, production: boolean): boolean {
  return !production && env[TEST_HOOKS_ENV] === '1';
}
