// Against real loopback servers (no nock in this file): TLS, the CONNECT proxy, timeouts and wire-level headers.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { apiTokenAuth } from './auth';
import { OktaClient } from './client';
import type { OktaClientOptions } from './config';
import { OktaTransportError } from './errors';
import { path } from './escape';
import { TOKEN, collect } from './test-support/helpers';
import { type TestServer, connectProxy, httpServer, httpsServer, json } from './test-support/servers';

const open: TestServer[] = [];
async function started<S extends TestServer>(server: Promise<S>): Promise<S> {
  const s = await server;
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function clientFor(orgUrl: string, extra: Partial<OktaClientOptions> = {}): OktaClient {
  return new OktaClient({ orgUrl, auth: apiTokenAuth(TOKEN), env: {}, sleep: async () => {}, ...extra });
}

const me = path`/api/v1/users/me`;
const ok: Parameters<typeof httpServer>[0] = (_req, res) => json(res, 200, { id: '00u1' });

describe('wire-level request shape', () => {
  it('POST and PUT without a body send Content-Length: 0 and no body; DELETE sends none', async () => {
    const server = await started(httpServer((_req, res) => json(res, 200, {})));
    const client = clientFor(server.url);
    await client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}/lifecycle/unlock` });
    await client.request({ method: 'PUT', path: path`/api/v1/groups/${'00g1'}/users/${'00u1'}` });
    await client.request({ method: 'DELETE', path: path`/api/v1/groups/${'00g1'}/users/${'00u1'}` });
    expect(server.requests.map((r) => [r.method, r.url, r.headers['content-length'], r.headers['transfer-encoding'], r.body])).toEqual([
      ['POST', '/api/v1/users/00u1/lifecycle/unlock', '0', undefined, ''],
      ['PUT', '/api/v1/groups/00g1/users/00u1', '0', undefined, ''],
      ['DELETE', '/api/v1/groups/00g1/users/00u1', undefined, undefined, ''],
    ]);
    expect(server.requests[0]?.headers['authorization']).toBe(`SSWS ${TOKEN}`);
  });

  it('parses two separate Link headers and duplicated rate-limit headers from the wire', async () => {
    const server = await started(
      httpServer((req, res) => {
        const after = new URL(req.url, 'http://x').searchParams.get('after');
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('X-Rate-Limit-Remaining', ['500', '499']);
        if (!after) {
          res.setHeader('Link', [`<${server.url}/api/v1/users?limit=200>; rel="self"`, `<${server.url}/api/v1/users?after=u1&limit=200>; rel="next"`]);
          res.end(JSON.stringify([{ id: 'u1' }]));
        } else {
          res.setHeader('Link', `<${server.url}/api/v1/users?after=u1&limit=200>; rel="self"`);
          res.end(JSON.stringify([{ id: 'u2' }]));
        }
      }),
    );
    const items = await collect(clientFor(server.url).paginate({ path: path`/api/v1/users` }, { pageMax: 200 }));
    expect(items).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    expect(server.requests.map((r) => r.url)).toEqual(['/api/v1/users?limit=200', '/api/v1/users?after=u1&limit=200']);
  });
});

describe('TLS', () => {
  it('a self-signed certificate fails with a message naming "Trust any certificate"', async () => {
    const server = await started(httpsServer(ok));
    const error = await clientFor(server.url).request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaTransportError);
    expect(error).toMatchObject({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect((error as Error).message).toContain('"Trust any certificate (not secure)"');
    expect(server.requests).toEqual([]);
  });

  it('insecure turns verification off for this client only', async () => {
    const server = await started(httpsServer(ok));
    await expect(clientFor(server.url, { insecure: true }).request({ method: 'GET', path: me })).resolves.toMatchObject({ data: { id: '00u1' } });
    await expect(clientFor(server.url).request({ method: 'GET', path: me })).rejects.toMatchObject({ kind: 'tls' });
  });
});

describe('https to a plain-HTTP server', () => {
  it('says the server does not speak TLS instead of suggesting "Trust any certificate"', async () => {
    const server = await started(httpServer(ok));
    const url = server.url.replace('http://', 'https://');
    const error = await clientFor(url, { insecure: true }).request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'tls', code: 'EPROTO' });
    expect((error as Error).message).toBe(
      `${url} did not answer in TLS (it looks like a plain-HTTP server). Check the URL parameter: an Okta org URL starts with https://, and only a local test server may use http://.`,
    );
  });
});

describe('proxy', () => {
  it('proxy=true with HTTPS_PROXY tunnels an https call through CONNECT (and insecure still applies)', async () => {
    const target = await started(httpsServer(ok));
    const proxy = await started(connectProxy());
    const client = clientFor(target.url, { proxy: true, insecure: true, env: { HTTPS_PROXY: proxy.url } });
    await expect(client.request({ method: 'GET', path: me })).resolves.toMatchObject({ data: { id: '00u1' } });
    expect(proxy.tunnels).toEqual([new URL(target.url).host]);
    expect(target.requests).toHaveLength(1);
  });

  it('proxy=true with HTTP_PROXY tunnels an http (loopback) call too', async () => {
    const target = await started(httpServer(ok));
    const proxy = await started(connectProxy());
    const client = clientFor(target.url, { proxy: true, env: { http_proxy: proxy.url } });
    await client.request({ method: 'GET', path: me });
    expect(proxy.tunnels).toEqual([new URL(target.url).host]);
  });

  it('proxy=false ignores the proxy variables entirely', async () => {
    const target = await started(httpServer(ok));
    const proxy = await started(connectProxy());
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, ALL_PROXY: proxy.url };
    await clientFor(target.url, { proxy: false, env }).request({ method: 'GET', path: me });
    expect(proxy.tunnels).toEqual([]);
    expect(target.requests).toHaveLength(1);
  });

  it('NO_PROXY exempts the host', async () => {
    const target = await started(httpServer(ok));
    const proxy = await started(connectProxy());
    await clientFor(target.url, { proxy: true, env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }).request({ method: 'GET', path: me });
    expect(proxy.tunnels).toEqual([]);
  });

  it('a proxy that wants credentials gives a 407 message naming the fix', async () => {
    const target = await started(httpServer(ok));
    const proxy = await started(connectProxy({ authenticate: () => false }));
    const error = await clientFor(target.url, { proxy: true, env: { HTTP_PROXY: proxy.url } }).request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connection', status: 407 });
    expect((error as Error).message).toContain(`The proxy ${proxy.url} requires authentication (HTTP 407)`);
    expect(target.requests).toEqual([]);
  });

  it('a proxy that rejects the credentials in its URL says so instead of asking for credentials', async () => {
    const target = await started(httpServer(ok));
    const proxy = await started(connectProxy({ authenticate: () => false }));
    const withCredentials = proxy.url.replace('http://', 'http://user:wrong@');
    const error = await clientFor(target.url, { proxy: true, env: { HTTP_PROXY: withCredentials } }).request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`The proxy ${proxy.url} rejected the user and password in the proxy URL (HTTP 407); check them, or ask for the proxy to allow this host.`);
  });

  it('a dead proxy gives a connection error that names the proxy', async () => {
    const target = await started(httpServer(ok));
    const port = await freePort();
    const client = clientFor(target.url, { proxy: true, env: { HTTP_PROXY: `http://user:secret@127.0.0.1:${port}` } });
    const error = await client.request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED' });
    expect((error as Error).message).toContain(`via proxy http://127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('slow and absent servers', () => {
  it('a server that never answers times out with an actionable message', async () => {
    const server = await started(httpServer(() => {}));
    const error = await clientFor(server.url, { timeoutMs: 300 }).request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaTransportError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toBe(
      `Okta did not answer GET /api/v1/users/me within 300 ms (${server.url}). Check the URL parameter and the network or proxy, or try again later.`,
    );
  });

  it('a body that trickles in past the deadline still times out', async () => {
    const server = await started(
      httpServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[');
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      }),
    );
    await expect(clientFor(server.url, { timeoutMs: 400 }).request({ method: 'GET', path: me })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('a closed port is a connection error telling to check the URL', async () => {
    const port = await freePort();
    const error = await clientFor(`http://127.0.0.1:${port}`).request({ method: 'GET', path: me }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED' });
    expect((error as Error).message).toBe(
      `Cannot connect to http://127.0.0.1:${port} (ECONNREFUSED). Check the URL parameter and that the network allows the connection.`,
    );
  });
});

/** A port nothing listens on: bind, read the number, release. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
