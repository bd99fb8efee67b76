/**
 * The sample account: the project's AWS Backup emulator, run inside the extension host so that a
 * person without an AWS account can try the explorer, the timeline, live lint and a whole restore.
 * It listens on 127.0.0.1 only, on a port the system picks, with a freshly seeded account, and
 * stops with the window. The emulator and its service model load on first use (dist/sample.js): the
 * composition root loads that bundle and hands its `startEmulator` here, so that the AWS layer imports
 * neither the root nor the emulator.
 */

/** What this module needs of the emulator (src/emulator/server.ts's startEmulator fits it). */
export interface SampleEmulator {
  startEmulator(o: { port: number; restoreJobDurationMs: number }): Promise<{
    url: string;
    region: string;
    close(): Promise<void>;
  }>;
}

export interface SampleAccount {
  url: string;
  region: string;
  close(): Promise<void>;
}

export async function startSampleAccount(emulator: SampleEmulator): Promise<SampleAccount> {
  // Restore jobs take 20 seconds: long enough to watch one run, short enough to see it end.
  const emu = await emulator.startEmulator({ port: 0, restoreJobDurationMs: 20_000 });
  return { url: emu.url, region: emu.region, close: () => emu.close() };
}
