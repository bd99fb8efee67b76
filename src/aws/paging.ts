/** The one paging loop of the access layer, and its bound. */
import { AwsAccessError } from './errors';

export interface Page<T> {
  items: T[];
  nextToken?: string;
  /** The List operation the page came from (for the paging loop's messages). */
  operation?: string;
}

/**
 * How far the one paging loop follows NextToken: far enough for the largest listing we expect (a
 * 100,000-point vault is 100 pages of the posture's 1,000, or 1,000 pages of the explorer's 100),
 * and no further, so a server that hands out a new token on every page cannot keep us forever.
 */
export interface PagingBound {
  maxPages: number;
  maxMs: number;
}
export const DEFAULT_PAGING_BOUND: PagingBound = { maxPages: 5_000, maxMs: 15 * 60_000 };

/**
 * The one paging loop: follows NextToken from `start` to the end, one page at a time (the next
 * request is sent only when the consumer asks for the next page). Stops, too, when the service
 * answers with a token it was already sent, so a service that repeats itself cannot loop forever;
 * and fails with a clear error past `bound` (pages or time), when it hands out new tokens forever.
 */
export async function* pages<T>(
  fetch: (token: string | undefined) => Promise<Page<T>>,
  start?: string,
  bound: PagingBound = DEFAULT_PAGING_BOUND,
): AsyncGenerator<Page<T>> {
  const began = Date.now();
  const seen = new Set<string>();
  let token = start;
  let items = 0;
  for (let n = 1; ; n++) {
    const page = await fetch(token);
    items += page.items.length;
    yield page;
    if (token !== undefined) seen.add(token);
    if (!page.nextToken || seen.has(page.nextToken)) return;
    if (n >= bound.maxPages || Date.now() - began >= bound.maxMs) throw endlessListing(page, n, items, began);
    token = page.nextToken;
  }
}

function endlessListing(page: Page<unknown>, n: number, items: number, began: number): AwsAccessError {
  const op = page.operation ?? 'The listing';
  const secs = Math.round((Date.now() - began) / 1000);
  return new AwsAccessError(
    'service-error',
    `${op} did not end: the server answered ${n.toLocaleString('en-US')} pages (${items.toLocaleString('en-US')} items) in ${secs} s, each with a new NextToken, and was stopped there (no AWS Backup listing is that long): check that the endpoint is AWS Backup.`,
    op,
  );
}

/** Collects every item of a paged listing. */
export async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  // One push per item: spreading a page of 200,000 into push() overflows the stack (RangeError).
  for await (const p of pages) for (const item of p.items) out.push(item);
  return out;
}
