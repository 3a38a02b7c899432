/** A throwaway HTTP server on 127.0.0.1 (random port) for download tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  body: Uint8Array;
  status?: number;
  headers?: Record<string, string>;
  /** send only this many bytes, then hang (stall tests) */
  stallAfter?: number;
}

export interface TestServer {
  /** "http://127.0.0.1:<port>/" */
  baseUrl: string;
  /** paths requested, in order */
  requests: string[];
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startTestServer(routes: Map<string, Route> = new Map()): Promise<TestServer> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const route = routes.get(path);
    if (!route) {
      // no keep-alive: a socket reused as the server times it out resets (seen on a busy machine)
      res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' }).end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, {
      'content-type': 'application/octet-stream',
      'content-length': String(route.body.length),
      connection: 'close',
      ...route.headers,
    });
    if (route.stallAfter !== undefined) res.write(route.body.subarray(0, route.stallAfter));
    else res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requests,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
