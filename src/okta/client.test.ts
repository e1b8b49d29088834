import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { AuthProvider } from './auth';
import { OktaApiError, OktaTransportError } from './errors';
import { path } from './escape';
import { ORG, TOKEN, collect, netError, testClient } from './test-support/helpers';
import { useNock } from './test-support/nock';

useNock();

describe('request()', () => {
  it('sends the SSWS token, JSON headers and a User-Agent naming the integration', async () => {
    const { client } = testClient();
    nock(ORG, {
      reqheaders: {
        authorization: `SSWS ${TOKEN}`,
        accept: 'application/json',
        'content-type': 'application/json',
        'user-agent': `okta-soar-integration/test node/${process.version}`,
      },
    })
      .get('/api/v1/users/me')
      .reply(200, { id: '00u1', profile: { login: 'admin@acme.com' } }, { 'X-Okta-Request-Id': 'req-1' });

    const res = await client.request<{ id: string }>({ method: 'GET', path: path`/api/v1/users/me` });

    expect(res.status).toBe(200);
    expect(res.data).toEqual({ id: '00u1', profile: { login: 'admin@acme.com' } });
    expect(res.headers['x-okta-request-id']).toBe('req-1');
  });

  it('sends a JSON body and encodes the query', async () => {
    const { client } = testClient();
    nock(ORG)
      .post('/api/v1/users', { profile: { login: 'a@b.c' } })
      .query({ activate: 'false', nextLogin: 'changePassword' })
      .reply(200, { id: '00u2' });

    const res = await client.request({
      method: 'POST',
      path: path`/api/v1/users`,
      query: { activate: false, nextLogin: 'changePassword', provider: undefined },
      body: { profile: { login: 'a@b.c' } },
    });
    expect(res.data).toEqual({ id: '00u2' });
  });

  it('treats 204 with an empty body as success with undefined data', async () => {
    const { client } = testClient();
    nock(ORG).put('/api/v1/groups/00g1/users/00u1').reply(204);
    const res = await client.request({ method: 'PUT', path: path`/api/v1/groups/${'00g1'}/users/${'00u1'}` });
    expect(res).toMatchObject({ status: 204, data: undefined });
  });

  it('treats 200 with an empty body as success (a lifecycle call)', async () => {
    const { client } = testClient();
    nock(ORG).post('/api/v1/users/00u1/lifecycle/deactivate').reply(200, '');
    const res = await client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}/lifecycle/deactivate` });
    expect(res).toMatchObject({ status: 200, data: undefined });
  });

  it('keeps an id with slashes and dots inside one path segment', async () => {
    const { client } = testClient();
    nock(ORG).get('/api/v1/users/..%2F..%2Fgroups').reply(404, { errorCode: 'E0000007', errorSummary: 'Not found' });
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/${'../../groups'}` })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('exposes Link relations', async () => {
    const { client } = testClient();
    nock(ORG)
      .get('/api/v1/groups')
      .reply(200, [], { Link: [`<${ORG}/api/v1/groups?limit=2>; rel="self"`, `<${ORG}/api/v1/groups?after=x&limit=2>; rel="next"`] });
    const res = await client.request({ method: 'GET', path: path`/api/v1/groups` });
    expect(res.links).toEqual({ self: `${ORG}/api/v1/groups?limit=2`, next: `${ORG}/api/v1/groups?after=x&limit=2` });
  });
});

describe('errors', () => {
  it('formats an Okta error body with errorId', async () => {
    const { client } = testClient();
    nock(ORG)
      .get('/api/v1/users/jdoe%40example.com')
      .reply(
        404,
        {
          errorCode: 'E0000007',
          errorSummary: 'Not found: Resource not found: jdoe@example.com (User)',
          errorLink: 'E0000007',
          errorId: 'oaeAbc123',
          errorCauses: [],
        },
        { 'X-Okta-Request-Id': 'rid-404' },
      );
    const error = await client.request({ method: 'GET', path: path`/api/v1/users/${'jdoe@example.com'}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect(error).toMatchObject({
      status: 404,
      errorCode: 'E0000007',
      errorSummary: 'Not found: Resource not found: jdoe@example.com (User)',
      errorCauses: [],
      errorId: 'oaeAbc123',
      requestId: 'rid-404',
      message: 'Okta API error 404 E0000007: Not found: Resource not found: jdoe@example.com (User) [errorId oaeAbc123]',
    });
  });

  it('lists the causes, one line each', async () => {
    const { client } = testClient();
    nock(ORG)
      .post('/api/v1/users')
      .query(true)
      .reply(400, {
        errorCode: 'E0000001',
        errorSummary: 'Api validation failed: login',
        errorId: 'oaeDup',
        errorCauses: [{ errorSummary: 'login: An object with this field already exists in the current organization' }],
      });
    const error = await client
      .request({ method: 'POST', path: path`/api/v1/users`, query: { activate: true }, body: { profile: { login: 'x' } } })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Okta API error 400 E0000001: Api validation failed: login [errorId oaeDup]\n' +
        'Cause: login: An object with this field already exists in the current organization',
    );
    expect(error).toMatchObject({ errorCauses: ['login: An object with this field already exists in the current organization'] });
  });

  it('adds the API-token hint to a 401', async () => {
    const { client } = testClient();
    nock(ORG)
      .get('/api/v1/users/me')
      .reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorId: 'oae401', errorCauses: [] });
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/me` })).rejects.toThrow(
      'Okta API error 401 E0000011: Invalid token provided [errorId oae401]\nHint: check the API token',
    );
  });

  it('adds the permission hint to a 403 E0000006 and to a 403 without body (missing OAuth scope)', async () => {
    const { client } = testClient();
    nock(ORG)
      .get('/api/v1/logs')
      .reply(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' })
      .get('/api/v1/groups')
      .reply(403, '', {
        'WWW-Authenticate':
          'Bearer authorization_uri="x", realm="x", scope="okta.groups.read", error="insufficient_scope", error_description="d"',
      });
    await expect(client.request({ method: 'GET', path: path`/api/v1/logs` })).rejects.toThrow(
      "Okta API error 403 E0000006: You do not have permission to perform the requested action\nHint: the API token's admin lacks the permission",
    );
    await expect(client.request({ method: 'GET', path: path`/api/v1/groups` })).rejects.toThrow(
      "Okta API error 403: The access token does not have the required scope okta.groups.read.\nHint: the API token's admin lacks the permission",
    );
  });

  it('does not blame permissions for a 403 that is about the user status', async () => {
    const { client } = testClient();
    nock(ORG).post('/api/v1/users/00u1/lifecycle/unlock').reply(403, {
      errorCode: 'E0000032',
      errorSummary: 'Unlock is not allowed for this user.',
      errorId: 'oaeU',
      errorCauses: [{ errorSummary: 'The user is not locked out.' }],
    });
    const error = await client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}/lifecycle/unlock` }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Okta API error 403 E0000032: Unlock is not allowed for this user. [errorId oaeU]\nCause: The user is not locked out.',
    );
  });

  it('reports an HTML page as non-JSON with at most 200 characters of it', async () => {
    const { client } = testClient();
    const html = `<html><head><title>Sign in</title></head><body>${'x'.repeat(500)}</body></html>`;
    nock(ORG).get('/api/v1/users/me').reply(200, html, { 'Content-Type': 'text/html' });
    const error = await client.request({ method: 'GET', path: path`/api/v1/users/me` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaTransportError);
    expect(error).toMatchObject({ kind: 'non-json', status: 200 });
    const message = (error as Error).message;
    expect(message).toContain(`"${html.slice(0, 200)}"`);
    expect(message).not.toContain(html.slice(0, 201));
    expect(message).toContain('probably not the Okta org URL');
  });

  it('does not follow redirects (they could carry the token elsewhere)', async () => {
    const { client } = testClient();
    nock(ORG).get('/api/v1/users/me').reply(302, '', { Location: 'https://login.evil.example/steal' });
    const error = await client.request({ method: 'GET', path: path`/api/v1/users/me` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 302 });
    expect((error as Error).message).toContain('Redirected to https://login.evil.example');
  });
});

describe('retries of transient failures', () => {
  it('retries 503 for GET with capped exponential backoff, then succeeds', async () => {
    const { client, sleeps } = testClient();
    nock(ORG).get('/api/v1/users/00u1').reply(503, '').get('/api/v1/users/00u1').reply(502, '').get('/api/v1/users/00u1').reply(200, { id: '00u1' });
    const res = await client.request({ method: 'GET', path: path`/api/v1/users/${'00u1'}` });
    expect(res.data).toEqual({ id: '00u1' });
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[1]).toBeLessThanOrEqual(2000);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { client, sleeps } = testClient({ maxRetries: 1 });
    nock(ORG).delete('/api/v1/groups/00g1/users/00u1').times(2).reply(504, { errorCode: 'E0000009', errorSummary: 'Gateway timeout' });
    await expect(client.request({ method: 'DELETE', path: path`/api/v1/groups/${'00g1'}/users/${'00u1'}` })).rejects.toMatchObject({
      status: 504,
    });
    expect(sleeps).toHaveLength(1);
  });

  it('never repeats a POST after 503 and never retries a 500', async () => {
    const { client, sleeps } = testClient();
    nock(ORG).post('/api/v1/users/00u1/lifecycle/suspend').reply(503, '').get('/api/v1/users/00u1').reply(500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error' });
    await expect(client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}/lifecycle/suspend` })).rejects.toMatchObject({ status: 503 });
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/${'00u1'}` })).rejects.toMatchObject({ status: 500 });
    expect(sleeps).toEqual([]);
  });

  it('retries a connection reset for GET but not for POST', async () => {
    const { client, sleeps } = testClient();
    nock(ORG)
      .get('/api/v1/users/00u1')
      .replyWithError(netError('ECONNRESET', 'socket hang up'))
      .get('/api/v1/users/00u1')
      .reply(200, { id: '00u1' })
      .post('/api/v1/users/00u1')
      .replyWithError(netError('ECONNRESET', 'socket hang up'));
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/${'00u1'}` })).resolves.toMatchObject({ data: { id: '00u1' } });
    expect(sleeps).toHaveLength(1);
    await expect(client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}`, body: {} })).rejects.toMatchObject({
      kind: 'reset',
    });
    expect(sleeps).toHaveLength(1);
  });
});

describe('transport failures', () => {
  it('a DNS failure says to check the URL; a temporary one is retried for GET', async () => {
    const { client, sleeps } = testClient();
    nock(ORG)
      .get('/api/v1/users/me')
      .replyWithError(netError('ENOTFOUND', 'getaddrinfo ENOTFOUND acme.okta.com'))
      .get('/api/v1/users/me')
      .replyWithError(netError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN acme.okta.com'))
      .get('/api/v1/users/me')
      .reply(200, { id: 'me' });
    const error = await client.request({ method: 'GET', path: path`/api/v1/users/me` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaTransportError);
    expect(error).toMatchObject({ kind: 'dns', code: 'ENOTFOUND' });
    expect((error as Error).message).toBe(
      'Cannot resolve the host of https://acme.okta.com (ENOTFOUND). Check the URL parameter (your Okta org URL, e.g. https://acme.okta.com).',
    );
    expect(sleeps).toEqual([]);
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/me` })).resolves.toMatchObject({ data: { id: 'me' } });
    expect(sleeps).toHaveLength(1);
  });
});

describe('the auth seam', () => {
  it('asks the provider for every request; after a 401 it invalidates once and retries with fresh credentials', async () => {
    const issued = ['Bearer first', 'Bearer second'];
    let invalidations = 0;
    const auth: AuthProvider = {
      header: async () => issued[invalidations] ?? 'Bearer none',
      invalidate: () => {
        invalidations++;
      },
      secrets: () => issued,
    };
    const { client } = testClient({ auth });
    nock(ORG)
      .get('/api/v1/users/me')
      .matchHeader('authorization', 'Bearer first')
      .reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' })
      .get('/api/v1/users/me')
      .matchHeader('authorization', 'Bearer second')
      .reply(200, { id: 'me' });
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/me` })).resolves.toMatchObject({ data: { id: 'me' } });
    expect(invalidations).toBe(1);
  });

  it('a second 401 (or a provider without invalidate) surfaces the error', async () => {
    let invalidations = 0;
    const auth: AuthProvider = { header: async () => 'Bearer x', invalidate: () => void invalidations++, secrets: () => [] };
    const { client } = testClient({ auth });
    nock(ORG).get('/api/v1/users/me').times(2).reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/me` })).rejects.toMatchObject({ status: 401 });
    expect(invalidations).toBe(1);
  });
});

describe('paginate()', () => {
  const page = (ids: string[]) => ids.map((id) => ({ id }));

  it('follows next links past self links over three pages', async () => {
    const { client } = testClient();
    nock(ORG)
      .get('/api/v1/users')
      .query({ search: 'status eq "ACTIVE"', limit: '200' })
      .reply(200, page(['a', 'b']), {
        Link: [
          `<${ORG}/api/v1/users?search=status+eq+%22ACTIVE%22&limit=200>; rel="self"`,
          `<${ORG}/api/v1/users?after=b&search=status+eq+%22ACTIVE%22&limit=200>; rel="next"`,
        ],
      })
      .get('/api/v1/users')
      .query({ after: 'b', search: 'status eq "ACTIVE"', limit: '200' })
      // One comma-joined header with self before next.
      .reply(200, page(['c']), {
        Link: `<${ORG}/api/v1/users?after=b&limit=200>; rel="self", <${ORG}/api/v1/users?after=c&search=status+eq+%22ACTIVE%22&limit=200>; rel="next"`,
      })
      .get('/api/v1/users')
      .query({ after: 'c', search: 'status eq "ACTIVE"', limit: '200' })
      .reply(200, page(['d']), { Link: `<${ORG}/api/v1/users?after=c&limit=200>; rel="self"` });

    const items = await collect(client.paginate({ path: path`/api/v1/users`, query: { search: 'status eq "ACTIVE"' } }, { pageMax: 200 }));
    expect(items).toEqual(page(['a', 'b', 'c', 'd']));
  });

  it('stops when the server repeats a cursor', async () => {
    const { client, debug } = testClient();
    const next = { Link: `<${ORG}/api/v1/groups?after=same&limit=200>; rel="next"` };
    nock(ORG)
      .get('/api/v1/groups')
      .query({ limit: '200' })
      .reply(200, page(['g1']), next)
      .get('/api/v1/groups')
      .query({ after: 'same', limit: '200' })
      .reply(200, page(['g2']), next);
    const items = await collect(client.paginate({ path: path`/api/v1/groups` }, { pageMax: 200 }));
    expect(items).toEqual(page(['g1', 'g2']));
    expect(debug.some((line) => line.includes('repeats a cursor'))).toBe(true);
  });

  it('limit 250 on an endpoint with max page 200 sends exactly 200 + 50', async () => {
    const { client } = testClient();
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `u${from + i}`);
    nock(ORG)
      .get('/api/v1/users')
      .query({ limit: '200' })
      .reply(200, page(ids(0, 200)), { Link: `<${ORG}/api/v1/users?after=u199&limit=200>; rel="next"` })
      .get('/api/v1/users')
      .query({ after: 'u199', limit: '50' })
      .reply(200, page(ids(200, 50)), { Link: `<${ORG}/api/v1/users?after=u249&limit=50>; rel="next"` });
    const items = await collect(client.paginate({ path: path`/api/v1/users` }, { pageMax: 200, limit: 250 }));
    expect(items).toHaveLength(250);
    expect(items[249]).toEqual({ id: 'u249' });
  });

  it('stops at an empty page even when a next link is present (System Log polling)', async () => {
    const { client } = testClient();
    nock(ORG)
      .get('/api/v1/logs')
      .query({ since: '2024-01-01T00:00:00Z', limit: '1000' })
      .reply(200, page(['e1']), { Link: `<${ORG}/api/v1/logs?after=1_1&limit=1000>; rel="next"` })
      .get('/api/v1/logs')
      .query({ after: '1_1', limit: '1000' })
      .reply(200, [], { Link: `<${ORG}/api/v1/logs?after=1_2&limit=1000>; rel="next"` });
    const items = await collect(client.paginate({ path: path`/api/v1/logs`, query: { since: '2024-01-01T00:00:00Z' } }, { pageMax: 1000 }));
    expect(items).toEqual(page(['e1']));
  });

  it('refuses a next link on another host without sending the token there', async () => {
    const { client } = testClient();
    nock(ORG).get('/api/v1/users').query(true).reply(200, page(['a']), { Link: '<https://evil.example/api/v1/users?after=a>; rel="next"' });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of client.paginate({ path: path`/api/v1/users` }, { pageMax: 200 })) seen.push(item);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(page(['a']));
    expect(error).toBeInstanceOf(OktaTransportError);
    expect(error).toMatchObject({ kind: 'foreign-link' });
    expect((error as Error).message).toContain('https://evil.example');
  });
});

describe('follow()', () => {
  it('follows a same-origin poll link and refuses another origin, scheme or port', async () => {
    const { client } = testClient();
    const poll = `${ORG}/api/v1/users/00u1/factors/opf1/transactions/mst1`;
    nock(ORG).get('/api/v1/users/00u1/factors/opf1/transactions/mst1').reply(200, { factorResult: 'WAITING' });
    await expect(client.follow('GET', poll)).resolves.toMatchObject({ data: { factorResult: 'WAITING' } });
    for (const href of [
      'https://evil.example/api/v1/x',
      'http://acme.okta.com/api/v1/x',
      'https://acme.okta.com:8443/api/v1/x',
      'https://acme.okta.com.evil.example/api/v1/x',
      `https://user:pw@acme.okta.com/api/v1/x`,
      '//evil.example/x',
    ]) {
      await expect(client.follow('DELETE', href), href).rejects.toMatchObject({ kind: 'foreign-link' });
    }
  });
});

describe('a write whose answer was lost', () => {
  it('says the change may already have happened (truncated JSON after a POST), and a GET does not', async () => {
    const { client } = testClient();
    nock(ORG).post('/api/v1/users/00u1/lifecycle/suspend').reply(200, '{"id":', { 'Content-Type': 'application/json' });
    const error = await client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}/lifecycle/suspend` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaTransportError);
    expect((error as Error).message).toMatch(
      /\nThis was a POST: Okta may already have carried it out before the answer was lost\. Check the current state \(for example with okta-get-user\) before repeating it\.$/,
    );
    nock(ORG).get('/api/v1/users/00u1').reply(200, '{"id":', { 'Content-Type': 'application/json' });
    const read = await client.request({ method: 'GET', path: path`/api/v1/users/${'00u1'}` }).catch((e: unknown) => e);
    expect((read as Error).message).not.toContain('carried it out');
  });
});
