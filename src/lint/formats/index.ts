/**
 * The formats that embed AWS Backup documents, each read by its adapter (see ./types.ts for the
 * contract). The engine asks each adapter in turn whose cheap test passes; the first that finds a
 * template or configuration in the text lints its documents. Add a format by adding its adapter here.
 */
import { cloudFormationAdapter } from './cloudformation';
import type { FormatAdapter } from './types';

export const ADAPTERS: readonly FormatAdapter[] = [cloudFormationAdapter];

/**
 * File name endings a directory search picks up (the CLI, the editor's workspace lint): the AWS
 * CLI's JSON files and every adapter's own. The content decides what a file is.
 */
export function lintedExtensions(adapters: readonly FormatAdapter[] = ADAPTERS): string[] {
  return [...new Set(['.json', ...adapters.flatMap((a) => a.extensions ?? [])])];
}
