/** The command line's bounds: the deadlines (./deadline.ts) and the paging bound (./paging.ts). */
import { DEFAULT_DEADLINES, deadlinesWithin, type Deadlines } from './deadline';
import { DEFAULT_PAGING_BOUND, type PagingBound } from './paging';

/** A whole number from `min` to `max` in the variable, else undefined. */
function wholeIn(raw: string | undefined, min: number, max: number): number | undefined {
  const n = Number(raw);
  return raw !== undefined && /^\d+$/.test(raw) && n >= min && n <= max ? n : undefined;
}

/**
 * The bounds a command-line run uses: the defaults, or tighter ones from two variables left out of
 * the help (tests cannot wait 45 s for a deadline or 5,000 pages for a bound): PITR_COMMAND_DEADLINE_MS
 * (100 up to the default) and PITR_PAGING_MAX_PAGES (1 up to the default). Neither can loosen a bound.
 */
export function boundsFromEnv(env: NodeJS.ProcessEnv): { deadlines: Deadlines; pagingBound: PagingBound } {
  const ms = wholeIn(env.PITR_COMMAND_DEADLINE_MS, 100, DEFAULT_DEADLINES.commandMs);
  const maxPages = wholeIn(env.PITR_PAGING_MAX_PAGES, 1, DEFAULT_PAGING_BOUND.maxPages);
  return {
    deadlines: ms !== undefined ? deadlinesWithin(ms) : DEFAULT_DEADLINES,
    pagingBound: maxPages !== undefined ? { ...DEFAULT_PAGING_BOUND, maxPages } : DEFAULT_PAGING_BOUND,
  };
}
