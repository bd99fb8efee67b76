import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { CliFs } from './collect';

/** The file system as the command line uses it: node's, synchronous. */
export const NODE_FS: CliFs = {
  readFile: (p) => readFileSync(p),
  readdir: (p) => readdirSync(p),
  stat: (p) => statSync(p),
};
