import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A tiny server that answers every request the way a broken or hostile endpoint would, for the tests
 * that check nothing hangs, pages forever or shows internal error text. It checks no signature: the
 * client under test signs with the local emulator's keys and never learns the difference.
 *  - silent: accepts the connection, reads the request, never answers;
 *  - trickle: answers 200 and its headers, then one byte of body a second, never ending;
 *  - garbage: answers 200 with an HTML page instead of JSON;
 *  - nameless: answers 400 with an empty JSON object (an error that names no error type);
 *  - endless: every list answer carries one item and a new NextToken;
 *  - repeat: every list answer carries one item and the same NextToken;
 *  - huge: one list answer with `items` recovery points (no NextToken).
 */
export type HostileMode = 'silent' | 'trickle' | 'garbage' | 'nameless' | 'endless' | 'repeat' | 'huge';

export interface HostileServer {
  url: string;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

const ARN = 'arn:aws:backup:us-east-1:123456789012:recovery-point:';

/** One item for every list the product reads (each operation picks its own key, ignores the others). */
function listBody(n: number, nextToken: string | undefined, items = 1): string {
  const points = Array.from({ length: items }, (_, i) => ({
    RecoveryPointArn: `${ARN}p-${n}-${i}`,
    BackupVaultName: 'v',
    ResourceType: 'S3',
    Status: 'COMPLETED',
    CreationDate: 1_700_000_000,
  }));
  return JSON.stringify({
    ...(nextToken ? { NextToken: nextToken } : {}),
    RecoveryPoints: points,
    Results: [{ ResourceArn: `arn:aws:s3:::b-${n}`, ResourceType: 'S3' }],
    BackupVaultList: [{ BackupVaultName: `v-${n}` }],
    BackupPlansList: [],
    BackupSelectionsList: [],
    BackupJobs: [],
    RestoreJobs: [],
    CopyJobs: [],
  });
}

export async function startHostileServer(
  mode: HostileMode,
  o: { items?: number } = {},
): Promise<HostileServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const json = (res: ServerResponse, body: string): void => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    requests++;
    req.resume();
    switch (mode) {
      case 'silent':
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        const t = setInterval(() => res.write(' '), 1_000);
        timers.add(t);
        res.on('close', () => clearInterval(t));
        return;
      }
      case 'garbage': {
        const body = '<html><body>Welcome to nginx!</body></html>';
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      case 'nameless':
        res.writeHead(400, { 'content-type': 'application/json', 'content-length': 2 });
        res.end('{}');
        return;
      case 'endless':
        return json(res, listBody(requests, `token-${requests}`));
      case 'repeat':
        return json(res, listBody(requests, 'the-same-token'));
      case 'huge':
        return json(res, listBody(requests, undefined, o.items ?? 200_000));
    }
  };
  const server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
