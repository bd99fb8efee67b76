/**
 * The worker thread that runs the lint engine for the server (./workerLinter.ts starts it from the
 * same bundle): one document at a time, so a document that takes too long can be stopped by
 * terminating the thread, and a crash or an exhausted heap takes only the thread down.
 */
import { parentPort } from 'node:worker_threads';
import { lint } from '../lint/engine';
import { prepareFormats } from '../lint/formats';
import type { LintJob, LintReply } from './workerLinter';

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: LintJob) => {
    void answer(job).then((reply) => port.postMessage(reply));
  });
  port.postMessage('ready');
}

async function answer(job: LintJob): Promise<LintReply> {
  try {
    const notStarted = await prepareFormats(job.text, job.fileName);
    const result = lint({
      text: job.text,
      fileName: job.fileName,
      globs: job.globs,
      severity: job.severity,
      ...(job.now !== undefined ? { now: new Date(job.now) } : {}),
    });
    return { id: job.id, result: result ?? null, ...(notStarted !== undefined ? { notStarted } : {}) };
  } catch (e) {
    return { id: job.id, crashed: e instanceof Error ? e.message : String(e) };
  }
}
