// Real loopback servers for what nock cannot model: TLS, a CONNECT proxy, slow answers, the wire-level headers.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy } from 'proxy';
import { generate } from 'selfsigned';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void;

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

function track(server: http.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

async function listen(server: http.Server, scheme: 'http' | 'https', requests: Recorded[]): Promise<TestServer> {
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function recording(handler: Handler, requests: Recorded[]): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      handler(recorded, res);
    });
  };
}

export function httpServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  return listen(http.createServer(recording(handler, requests)), 'http', requests);
}

/** HTTPS with a freshly generated self-signed certificate. */
export async function httpsServer(handler: Handler): Promise<TestServer> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 });
  const requests: Recorded[] = [];
  return listen(https.createServer({ key: pems.private, cert: pems.cert }, recording(handler, requests)), 'https', requests);
}

export interface TestProxy extends TestServer {
  /** host:port of every CONNECT tunnel opened through the proxy. */
  tunnels: string[];
}

export async function connectProxy(opts: { authenticate?: () => boolean } = {}): Promise<TestProxy> {
  const server = createProxy(http.createServer());
  if (opts.authenticate) server.authenticate = opts.authenticate;
  const tunnels: string[] = [];
  server.on('connect', (req: http.IncomingMessage) => tunnels.push(req.url ?? ''));
  const base = await listen(server, 'http', []);
  return { ...base, tunnels };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
