/**
 * The formats that embed AWS Backup documents, each read by its adapter (see ./types.ts for the
 * contract). The engine asks each adapter in turn whose cheap test passes; the first that finds a
 * template or configuration in the text lints its documents. Add a format by adding its adapter here.
 */
import { cloudFormationAdapter } from './cloudformation';
import { sniffTerraform } from './sniff';
import { loadTerraform } from './terraform';
import { terraformPlanAdapter } from './terraformPlan';
import type { EmbeddingResult, FormatAdapter } from './types';

/**
 * Terraform's HCL parser is WebAssembly that starts asynchronously, once: {@link prepareFormats}
 * starts it for a text that needs it, and the engine then reads `.tf` files synchronously.
 */
let terraformStarted: FormatAdapter | undefined;
let terraformStarting: Promise<void> | undefined;
let terraformFailure: string | undefined;

const terraformAdapter: FormatAdapter = {
  format: 'terraform',
  extensions: ['.tf'],
  sniff: sniffTerraform,
  extract: (text, fileName) => (terraformStarted ? terraformStarted.extract(text, fileName) : notStarted()),
  translateFix: (fix, document, text) => terraformStarted?.translateFix(fix, document, text),
};

/** A `.tf` file the parser could not start for is said so, never taken for a file with nothing in it. */
function notStarted(): EmbeddingResult {
  const why = terraformFailure ?? 'it was not started before this file was linted';
  return {
    format: 'terraform',
    documents: [],
    findings: [
      {
        code: 'TF001',
        message: `This Terraform file was not read: the HCL parser failed to start (${why}).`,
        offset: 0,
        length: 0,
      },
    ],
  };
}

export const ADAPTERS: readonly FormatAdapter[] = [
  cloudFormationAdapter,
  terraformPlanAdapter,
  terraformAdapter,
];

/**
 * Starts what the formats of this text need before the engine reads it synchronously: Terraform's
 * parser, for a text that passes its cheap test (once; later calls return at once). Never rejects:
 * it resolves to why the parser could not start (the engine then reports the file as not read,
 * TF001; the CLI counts it as a file it could not check), or undefined. `wasmDir`: where the
 * WebAssembly files are (the running bundle's folder by default: the extension's or CLI's dist/).
 */
export async function prepareFormats(
  text: string,
  fileName?: string,
  options: { wasmDir?: string } = {},
): Promise<string | undefined> {
  if (terraformStarted || !sniffTerraform(text, fileName)) return undefined;
  terraformStarting ??= loadTerraform(options).then(
    (adapter) => {
      terraformStarted = adapter;
      terraformFailure = undefined;
    },
    (e: unknown) => {
      terraformFailure = e instanceof Error ? e.message : String(e);
      terraformStarting = undefined; // Tried again for the next file (the files may be restored).
    },
  );
  await terraformStarting;
  return terraformStarted ? undefined : terraformFailure;
}

/** Whether {@link prepareFormats} has work to do for this text (the editor then lints after it). */
export function formatsReady(text: string, fileName?: string): boolean {
  return terraformStarted !== undefined || !sniffTerraform(text, fileName);
}

/**
 * File name endings a directory search picks up (the CLI, the editor's workspace lint): the AWS
 * CLI's JSON files and every adapter's own. The content decides what a file is.
 */
export function lintedExtensions(adapters: readonly FormatAdapter[] = ADAPTERS): string[] {
  return [...new Set(['.json', ...adapters.flatMap((a) => a.extensions ?? [])])];
}
