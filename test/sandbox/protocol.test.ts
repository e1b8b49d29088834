// Protocol behaviour common to every endpoint: headers, auth, errors, 411, routing, loopback-only listening,
// HTTPS, and the test controls (programmatic and over /__sandbox/): faults, rate limits, the request log.
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { OktaUser } from '../../src/okta/types.js';
import { DEFAULT_TOKEN, startSandbox } from './server.js';
import { call, headerCount, links, relative, useSandbox } from './testkit.js';

const sb = useSandbox();

const RATE_HEADERS = ['X-Rate-Limit-Limit', 'X-Rate-Limit-Remaining', 'X-Rate-Limit-Reset'];

function expectCommonHeaders(res: Awaited<ReturnType<typeof call>>): void {
  for (const h of RATE_HEADERS) expect(headerCount(res, h), h).toBe(1);
  expect(headerCount(res, 'Date')).toBe(1);
  expect(res.headers.date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  expect(res.headers['x-okta-request-id']).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

describe('every response', () => {
  it.each([
    ['GET', '/api/v1/users/me', 200, 'user', '2000'],
    ['GET', '/api/v1/users', 200, 'users', '600'],
    ['POST', '/api/v1/users/jdoe@example.com/lifecycle/suspend', 200, 'user-write', '600'],
    ['GET', '/api/v1/users/jdoe@example.com/factors', 200, 'user-write', '600'],
    ['GET', '/api/v1/groups', 200, 'groups', '500'],
    ['GET', '/api/v1/groups/00gNOPE', 404, 'group', '1000'],
    ['GET', '/api/v1/logs', 200, 'logs', '120'],
    ['GET', '/api/v1/apps', 404, 'other', '1200'],
    ['GET', '/api/v1/users/00uNOPE', 404, 'user', '2000'],
  ])('%s %s → %i with the %s bucket headers', async (method, path, status, _bucket, limit) => {
    const res = await call(sb, method, path);
    expect(res.status).toBe(status);
    expectCommonHeaders(res);
    expect(res.headers['x-rate-limit-limit']).toBe(limit);
    const reset = Number(res.headers['x-rate-limit-reset']);
    const date = Date.parse(res.headers.date as string) / 1000;
    expect(reset - date).toBeGreaterThan(0);
    expect(reset - date).toBeLessThanOrEqual(61);
  });

  it('404 and 204 answers carry the headers too; remaining counts down', async () => {
    const a = await call(sb, 'GET', '/api/v1/users');
    const b = await call(sb, 'GET', '/api/v1/users');
    expect(Number(a.headers['x-rate-limit-remaining']) - Number(b.headers['x-rate-limit-remaining'])).toBe(1);
    const id = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    const g = sb.controls.state.groupByName('Sales')[0]?.id as string;
    const del = await call(sb, 'PUT', `/api/v1/groups/${g}/users/${id}`);
    expect(del.status).toBe(204);
    for (const h of RATE_HEADERS) expect(headerCount(del, h)).toBe(1);
  });

  it('the Date header follows the injected clock', async () => {
    const fixed = new Date('2030-05-06T07:08:09.000Z');
    const s = await startSandbox({ now: () => fixed });
    try {
      const res = await call(s, 'GET', '/api/v1/users/me');
      expect(res.headers.date).toBe('Mon, 06 May 2030 07:08:09 GMT');
      expect(res.json<OktaUser>().lastLogin).toBe('2030-05-06T06:08:09.000Z');
    } finally {
      await s.close();
    }
  });
});

describe('authentication', () => {
  it('a wrong SSWS token is 401 E0000011 and never echoes the token', async () => {
    const res = await call(sb, 'GET', '/api/v1/users/me', { headers: { Authorization: 'SSWS not-the-token-42' } });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorCauses: [] });
    expect(res.text).not.toContain('not-the-token-42');
    expectCommonHeaders(res);
  });

  it.each([
    ['missing header', undefined],
    ['Bearer scheme', `Bearer ${DEFAULT_TOKEN}`],
    ['bare token', DEFAULT_TOKEN],
  ])('%s is 401 E0000011 as well', async (_name, header) => {
    const res = await call(sb, 'GET', '/api/v1/users/me', header === undefined ? { noAuth: true } : { headers: { Authorization: header } });
    expect(res.status).toBe(401);
    expect(res.json<{ errorCode: string }>().errorCode).toBe('E0000011');
  });

  it('a custom token replaces the default', async () => {
    const s = await startSandbox({ token: 'custom-token-xyz', seed: 'empty' });
    try {
      expect(s.token).toBe('custom-token-xyz');
      expect((await call(s, 'GET', '/api/v1/users/me')).status).toBe(200);
      expect((await call({ ...s, token: DEFAULT_TOKEN }, 'GET', '/api/v1/users/me')).status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe('errors and routing', () => {
  it('unknown path 404 E0000008, wrong method 405 E0000022, malformed JSON 400 E0000003', async () => {
    expect((await call(sb, 'GET', '/api/v1/nothing-here')).json()).toMatchObject({ errorCode: 'E0000008' });
    const wrong = await call(sb, 'PATCH', '/api/v1/users/me', { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.json()).toMatchObject({ errorCode: 'E0000022' });
    const bad = await call(sb, 'POST', '/api/v1/users', { rawBody: '{"profile": {' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.' });
    expect(bad.json<{ errorId: string }>().errorId).toMatch(/^oae[A-Za-z0-9_-]{22}$/);
  });

  it('POST without Content-Length or Transfer-Encoding is 411; Content-Length: 0 is accepted', async () => {
    const id = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    const missing = await rawRequest(`POST /api/v1/users/${id}/lifecycle/suspend HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SSWS ${sb.token}\r\nConnection: close\r\n\r\n`);
    expect(missing).toMatch(/^HTTP\/1\.1 411 /);
    expect(missing).toMatch(/\r\nx-rate-limit-remaining: \d+\r\n/i);
    expect(sb.controls.state.userByLogin('jdoe@example.com')?.status).toBe('ACTIVE');
    const zero = await call(sb, 'POST', `/api/v1/users/${id}/lifecycle/suspend`);
    expect(zero.status).toBe(200);
    const chunked = await call(sb, 'POST', `/api/v1/users/${id}/lifecycle/unsuspend`, { omitLength: true, headers: { 'Transfer-Encoding': 'chunked' } });
    expect(chunked.status).toBe(200);
  });
});

/** Polls `ready` every 10 ms for at most 5 s (the request under test has to reach the server first). */
async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ready()) throw new Error('condition not met within 5 s');
}

/** Writes a hand-made HTTP/1.1 request (Node's client always adds a length) and returns the raw answer. */
function rawRequest(text: string): Promise<string> {
  const u = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port) }, () => sock.write(text));
    let out = '';
    sock.setTimeout(5000, () => sock.destroy(new Error('raw timeout')));
    sock.on('data', (d: Buffer) => (out += d.toString('utf8')));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
  });
}

describe('network', () => {
  it('listens on 127.0.0.1 only, never on another interface', async () => {
    const u = new URL(sb.url);
    expect(u.hostname).toBe('127.0.0.1');
    expect(sb.url).not.toMatch(/\/$/);
    const refused = await new Promise<string>((resolve) => {
      const sock = net.connect({ host: '127.0.0.2', port: Number(u.port) });
      sock.once('connect', () => {
        sock.destroy();
        resolve('connected');
      });
      sock.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('serves HTTPS with a generated certificate that verifies against the returned CA', async () => {
    const s = await startSandbox({ https: true, seed: 'empty' });
    try {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(s.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const res = await call(s, 'GET', '/api/v1/users/me');
      expect(res.status).toBe(200);
      expect(res.json<OktaUser>().profile.login).toBe('admin@example.com');
      await expect(call({ ...s, ca: undefined }, 'GET', '/api/v1/users/me')).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      await s.close();
    }
  });
});

describe('faults', () => {
  it('500 / 503 / 429 answer the next N matching requests, then normal service resumes', async () => {
    sb.controls.fault({ path: '^/api/v1/users$', kind: '500', count: 2 });
    expect((await call(sb, 'GET', '/api/v1/users')).json()).toMatchObject({ errorCode: 'E0000009' });
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(200);
    expect((await call(sb, 'GET', '/api/v1/users')).status).toBe(500);
    expect((await call(sb, 'GET', '/api/v1/users')).status).toBe(200);
    sb.controls.fault({ path: 'users', kind: '503' });
    expect((await call(sb, 'GET', '/api/v1/users')).status).toBe(503);
  });

  it('429 has E0000047, Remaining 0 and a Reset 1–2 s after Date; stats count it', async () => {
    sb.controls.fault({ path: '/api/v1/logs', kind: '429', method: 'GET' });
    const res = await call(sb, 'GET', '/api/v1/logs');
    expect(res.status).toBe(429);
    expect(res.json()).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    expect(res.headers['x-rate-limit-remaining']).toBe('0');
    const ahead = Number(res.headers['x-rate-limit-reset']) - Date.parse(res.headers.date as string) / 1000;
    expect(ahead).toBeGreaterThanOrEqual(1);
    expect(ahead).toBeLessThanOrEqual(3);
    for (const h of RATE_HEADERS) expect(headerCount(res, h)).toBe(1);
    expect(sb.controls.stats().sent429).toBe(1);
  });

  it('method restricts a fault', async () => {
    sb.controls.fault({ path: 'users', kind: '500', method: 'POST' });
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(200);
    expect((await call(sb, 'POST', '/api/v1/users/jdoe@example.com/lifecycle/suspend')).status).toBe(500);
  });

  it('html is a text/html proxy page; truncated is a 200 with half a JSON body', async () => {
    sb.controls.fault({ path: 'users/me', kind: 'html' });
    const html = await call(sb, 'GET', '/api/v1/users/me');
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<h1>502 Bad Gateway</h1>');
    sb.controls.fault({ path: 'users/me', kind: 'truncated' });
    const cut = await call(sb, 'GET', '/api/v1/users/me');
    const full = await call(sb, 'GET', '/api/v1/users/me');
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text)).toThrow();
    expect(full.text.startsWith(cut.text.slice(0, 20))).toBe(true);
    expect(cut.text.length).toBe(Math.floor(full.text.length / 2));
  });

  it('reset destroys the connection without an answer; it is logged with status 0', async () => {
    sb.controls.fault({ path: 'users/me', kind: 'reset' });
    await expect(call(sb, 'GET', '/api/v1/users/me')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(sb.controls.requests().map((r) => [r.path, r.status])).toEqual([['/api/v1/users/me', 0]]);
  });

  it('stall holds the answer for stallMs, then answers normally; the abandoned request is still logged', async () => {
    sb.controls.fault({ path: 'users/me', kind: 'stall', stallMs: 300 });
    await expect(call(sb, 'GET', '/api/v1/users/me', { timeoutMs: 100 })).rejects.toThrow('client timeout');
    await waitFor(() => sb.controls.requests().length > 0);
    expect(sb.controls.requests().map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/v1/users/me', 0]]);
    sb.controls.fault({ path: 'users/me', kind: 'stall', stallMs: 50 });
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(200);
  });

  it('close() does not wait for a long stall', async () => {
    const s = await startSandbox({ seed: 'empty' });
    s.controls.fault({ path: 'users/me', kind: 'stall' });
    const pending = call(s, 'GET', '/api/v1/users/me').catch((e: Error) => e.message);
    await waitFor(() => s.controls.requests().length > 0);
    await s.close();
    await s.close();
    expect(await pending).toMatch(/socket hang up|ECONNRESET|client timeout/);
  });

  it('link-loop repeats the current cursor; foreign-next points at another origin', async () => {
    const first = await call(sb, 'GET', '/api/v1/users?limit=2');
    const next = links(first).next as string;
    sb.controls.fault({ path: '^/api/v1/users$', kind: 'link-loop' });
    const looped = await call(sb, 'GET', relative(next));
    const cursor = new URL(next).searchParams.get('after');
    expect(cursor).toMatch(/.+/);
    expect(new URL(links(looped).next as string).searchParams.get('after')).toBe(cursor);
    expect(links(looped).next).toBe(next);
    sb.controls.fault({ path: '^/api/v1/users$', kind: 'foreign-next' });
    const foreign = links(await call(sb, 'GET', '/api/v1/users?limit=2'));
    expect(new URL(foreign.next as string).origin).not.toBe(sb.url);
    expect(new URL(foreign.self as string).origin).toBe(sb.url);
    expect(new URL(foreign.next as string).hostname).toBe('127.0.0.2');
  });

  it('foreign-poll gives a push verify poll/cancel links on another origin', async () => {
    const jdoe = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    const push = sb.controls.state.factorsOf(jdoe).find((f) => f.factorType === 'push')?.id as string;
    sb.controls.fault({ path: 'verify$', kind: 'foreign-poll' });
    const res = await call(sb, 'POST', `/api/v1/users/${jdoe}/factors/${push}/verify`);
    expect(res.status).toBe(201);
    const body = res.json<{ _links: { poll: { href: string }; cancel: { href: string } } }>();
    expect(new URL(body._links.poll.href).hostname).toBe('127.0.0.2');
    expect(new URL(body._links.cancel.href).hostname).toBe('127.0.0.2');
  });

  it('clearFaults disarms everything', async () => {
    sb.controls.fault({ path: '.*', kind: '500', count: 5 });
    sb.controls.clearFaults();
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('an emptied bucket answers 429 E0000047 until its window rolls; other buckets are unaffected', async () => {
    sb.controls.rateLimit('logs', 2, 1);
    expect((await call(sb, 'GET', '/api/v1/logs?limit=1')).headers['x-rate-limit-remaining']).toBe('1');
    expect((await call(sb, 'GET', '/api/v1/logs?limit=1')).headers['x-rate-limit-remaining']).toBe('0');
    const limited = await call(sb, 'GET', '/api/v1/logs?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.json<{ errorCode: string }>().errorCode).toBe('E0000047');
    expect(limited.headers['x-rate-limit-limit']).toBe('2');
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(200);
    expect(sb.controls.stats().sent429).toBe(1);
    const wait = Number(limited.headers['x-rate-limit-reset']) * 1000 - Date.parse(limited.headers.date as string) + 50;
    await new Promise((r) => setTimeout(r, Math.min(Math.max(wait, 0), 2500)));
    expect((await call(sb, 'GET', '/api/v1/logs?limit=1')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records API requests in order with method, pathname, query, status and body; not /__sandbox ones', async () => {
    await call(sb, 'GET', '/api/v1/users?q=doe&limit=5');
    await call(sb, 'POST', '/api/v1/groups', { body: { profile: { name: 'Logged' } } });
    await call(sb, 'GET', '/__sandbox/stats');
    const log = sb.controls.requests();
    expect(log.map(({ at: _at, ...r }) => r)).toEqual([
      { method: 'GET', path: '/api/v1/users', query: { q: 'doe', limit: '5' }, status: 200 },
      { method: 'POST', path: '/api/v1/groups', query: {}, status: 200, body: { profile: { name: 'Logged' } } },
    ]);
    expect(log.every((r) => typeof r.at === 'number' && r.at > 0)).toBe(true);
    sb.controls.clearRequests();
    expect(sb.controls.requests()).toEqual([]);
  });
});

describe('/__sandbox over HTTP', () => {
  it('refuses without the token', async () => {
    const res = await call(sb, 'GET', '/__sandbox/stats', { noAuth: true });
    expect(res.status).toBe(401);
    expect(res.json<{ errorCode: string }>().errorCode).toBe('E0000011');
  });

  it('faults, requests, rate limits, push outcome, stats and reset work like the programmatic controls', async () => {
    expect((await call(sb, 'POST', '/__sandbox/faults', { body: { path: 'users/me', kind: '503' } })).status).toBe(200);
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(503);
    expect((await call(sb, 'POST', '/__sandbox/faults', { body: { path: 'x', kind: 'nonsense' } })).status).toBe(400);
    await call(sb, 'POST', '/__sandbox/faults', { body: { path: 'users/me', kind: '500', count: 3 } });
    expect((await call(sb, 'DELETE', '/__sandbox/faults')).status).toBe(204);
    expect((await call(sb, 'GET', '/api/v1/users/me')).status).toBe(200);

    const logged = (await call(sb, 'GET', '/__sandbox/requests')).json<Array<{ path: string; status: number }>>();
    expect(logged.map((r) => r.status)).toEqual([503, 200]);
    expect((await call(sb, 'DELETE', '/__sandbox/requests')).status).toBe(204);
    expect((await call(sb, 'GET', '/__sandbox/requests')).json()).toEqual([]);

    await call(sb, 'POST', '/__sandbox/rate-limits', { body: { bucket: 'users', limit: 1, windowSeconds: 60 } });
    await call(sb, 'GET', '/api/v1/users?limit=1');
    expect((await call(sb, 'GET', '/api/v1/users?limit=1')).status).toBe(429);
    expect((await call(sb, 'GET', '/__sandbox/stats')).json()).toEqual({ sent429: 1 });

    const jdoe = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    const push = sb.controls.state.factorsOf(jdoe).find((f) => f.factorType === 'push')?.id as string;
    await call(sb, 'POST', '/__sandbox/push-outcome', { body: { factorId: push, outcome: 'REJECTED', afterPolls: 0 } });
    const verify = await call(sb, 'POST', `/api/v1/users/${jdoe}/factors/${push}/verify`);
    const poll = await call(sb, 'GET', relative(verify.json<{ _links: { poll: { href: string } } }>()._links.poll.href));
    expect(poll.json<{ factorResult: string }>().factorResult).toBe('REJECTED');

    await call(sb, 'POST', '/api/v1/groups', { body: { profile: { name: 'Temp' } } });
    expect((await call(sb, 'POST', '/__sandbox/reset', { body: { seed: 'empty' } })).status).toBe(200);
    expect(sb.controls.state.users().map((u) => u.profile.login)).toEqual(['admin@example.com']);
    expect(sb.controls.state.groups().map((g) => g.profile.name)).toEqual(['Everyone']);
    expect(sb.controls.stats()).toEqual({ sent429: 0 });
  });
});

describe('raw protocol corner', () => {
  it('a keep-alive connection survives an error response', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = (path: string): Promise<number> =>
        new Promise((resolve, reject) => {
          http.get(`${sb.url}${path}`, { agent, headers: { Authorization: `SSWS ${sb.token}` } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          }).on('error', reject);
        });
      expect(await get('/api/v1/users/00uMissing')).toBe(404);
      expect(await get('/api/v1/users/me')).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
