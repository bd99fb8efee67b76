/**
 * The messages between the recovery posture webview (media/posture.js) and its panel (panel.ts), in
 * one place without `vscode`: the panel builds them, and the webview's script is type-checked
 * against them (media/tsconfig.json), as the timeline's is against TimelineData.
 */
import type { PostureFailure, PostureRow } from '../compute';
import type { PostureReport } from '../report';

/** A row as the webview draws it: strings ready to show, numbers for sorting and the bars. */
export interface ViewRow {
  id: string;
  verdict: PostureRow['verdict'];
  account: string;
  region: string;
  resource: string;
  arn: string;
  type: string;
  protection: string;
  rpoMs: number | null;
  rpo: string;
  targetMs: number;
  target: string;
  /** The measured RTO (src/posture/rto.ts): null when never restored. */
  rtoMs: number | null;
  rto: string;
  rtoTargetMs: number | null;
  rtoTarget: string;
  rtoVerdict: PostureRow['rtoVerdict'];
  /** When and what the RTO is from, the longest of the month, and a never-restored row's hint. */
  rtoDetail: string;
  earliest: string;
  coveredBy: string;
  failedJobs: string;
  optIn: string;
  todo: string;
  notes: string;
  canOpen: boolean;
  canRestore: boolean;
  /** After losing the Region (src/posture/dr.ts): the age of the newest copy outside it. */
  drRpoMs: number | null;
  drRpo: string;
  drTargetMs: number | null;
  drTarget: string;
  drVerdict: 'meets' | 'misses' | 'no target';
  /** The last days, oldest first (src/posture/compliance.ts): here, and after losing the Region. */
  days: DayCell[];
  drDays: DayCell[];
}

/** A day of the strip: met all day, part of it, not at all, or not reconstructable; and in words. */
export interface DayCell {
  state: 'met' | 'part' | 'missed' | 'unknown';
  text: string;
}

/** The report as posted to the webview. */
export interface PostureViewData {
  now: string;
  rows: ViewRow[];
  failures: PostureFailure[];
  warnings: PostureReport['warnings'];
}

export type ExportFormat = 'markdown' | 'csv' | 'json';

/** What the panel posts to the webview. */
export type ToPostureView = { type: 'progress'; text: string } | { type: 'report'; data: PostureViewData };

/** What the webview posts back (the panel checks every field: a webview is not trusted). */
export type FromPostureView =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'cancel' }
  | { type: 'open' | 'restore'; id: string }
  | { type: 'export'; format: ExportFormat | null }
  | {
      type: 'drawn';
      rows: number;
      verdicts: string[];
      failures: number;
      rto: string[];
      neverMarked: number;
      dr: string[];
      strips: number;
    };
