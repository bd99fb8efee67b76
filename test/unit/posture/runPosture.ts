import { runPostureCli } from '../../../src/posture/cli';

/** `pitr-posture` run in-process with this process's environment: its exit code and what it printed. */
export async function runPosture(
  args: string[],
  progressTty = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runPostureCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    progressTty,
    env: process.env,
    version: '9.9.9',
  });
  return { code, stdout, stderr };
}
