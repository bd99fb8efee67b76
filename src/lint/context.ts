import type { Node } from 'jsonc-parser';
import type { Finding, Fix } from './types';

/** What a rule gets: the document, "now", and a way to report. */
export interface RuleContext {
  text: string;
  now: Date;
  report(code: string, at: Node | { offset: number; length: number }, message: string, fixes?: Fix[]): void;
}

export type RawFinding = Omit<Finding, 'severity'>;
