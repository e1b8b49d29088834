import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { OktaApiError, OktaTransportError } from './errors';
import { path } from './escape';
import { resetInfo } from './ratelimit';
import { ORG, collect, httpDate, testClient } from './test-support/helpers';
import { useNock } from './test-support/nock';

// A server clock far from the machine's: the waits below can only come out right if Date is used, not Date.now().
const SERVER_NOW = 1_600_000_000;

const tooMany = { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorId: 'oaeRL', errorCauses: [] };

function limited(resetIn: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Date: httpDate(SERVER_NOW),
    'X-Rate-Limit-Limit': '600',
    'X-Rate-Limit-Remaining': '0',
    'X-Rate-Limit-Reset': String(SERVER_NOW + resetIn),
    'X-Okta-Request-Id': 'rid-429',
    ...extra,
  };
}

useNock();

describe('429 handling', () => {
  it('waits until Reset measured against Date (plus < 1 s jitter), then retries with the retry headers', async () => {
    const { client, sleeps } = testClient();
    nock(ORG)
      .get('/api/v1/users/00u1')
      .reply(429, tooMany, limited(5))
      .get('/api/v1/users/00u1')
      .matchHeader('x-okta-retry-for', 'rid-429')
      .matchHeader('x-okta-retry-count', '1')
      .reply(200, { id: '00u1' });
    const res = await client.request({ method: 'GET', path: path`/api/v1/users/${'00u1'}` });
    expect(res.data).toEqual({ id: '00u1' });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(5000);
    expect(sleeps[0]).toBeLessThan(6000);
  });

  it('retries a POST after 429 (Okta did not process it)', async () => {
    const { client, sleeps } = testClient();
    nock(ORG).post('/api/v1/users/00u1/lifecycle/suspend').reply(429, tooMany, limited(1)).post('/api/v1/users/00u1/lifecycle/suspend').reply(200, {});
    await expect(client.request({ method: 'POST', path: path`/api/v1/users/${'00u1'}/lifecycle/suspend` })).resolves.toMatchObject({ data: {} });
    expect(sleeps).toHaveLength(1);
  });

  it('429 forever: after maxRetries the 429 surfaces with the reset time and a hint', async () => {
    const { client, sleeps } = testClient();
    nock(ORG).get('/api/v1/groups').times(3).reply(429, tooMany, limited(10));
    const error = await client.request({ method: 'GET', path: path`/api/v1/groups` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaApiError);
    expect(error).toMatchObject({ status: 429, errorCode: 'E0000047', retryAfterMs: 10_000, requestId: 'rid-429' });
    expect((error as Error).message).toBe(
      'Okta API error 429 E0000047: API call exceeded rate limit due to too many requests. [errorId oaeRL]\n' +
        `Hint: Okta's rate limit for this endpoint was exceeded. The limit resets at ${new Date((SERVER_NOW + 10) * 1000).toISOString()}. ` +
        'Retry later, lower the request rate, or ask the Okta admin to raise the limit.',
    );
    expect(sleeps).toHaveLength(2);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  it('429 with a reset beyond the wait budget: a clear error naming the reset, without waiting', async () => {
    const { client, sleeps } = testClient({ rateLimitBudgetMs: 30_000 });
    nock(ORG).get('/api/v1/logs').reply(429, tooMany, limited(45));
    const error = await client.request({ method: 'GET', path: path`/api/v1/logs` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OktaTransportError);
    expect(error).toMatchObject({ kind: 'rate-limit-budget' });
    expect((error as Error).message).toBe(
      `Okta rate limit reached for GET /api/v1/logs; it resets at ${new Date((SERVER_NOW + 45) * 1000).toISOString()} (in 45 s), ` +
        'which is more than the 30 s this call may wait. Retry later or lower the request rate.',
    );
    expect(sleeps).toEqual([]);
  });

  it('the budget is shared by the retries of one call', async () => {
    const { client, sleeps } = testClient({ maxRetries: 5 });
    nock(ORG).get('/api/v1/groups').times(2).reply(429, tooMany, limited(40));
    await expect(client.request({ method: 'GET', path: path`/api/v1/groups` })).rejects.toMatchObject({ kind: 'rate-limit-budget' });
    expect(sleeps).toHaveLength(1);
  });

  it('missing headers crash nothing: no Reset means a short backoff, no Date means the local clock', async () => {
    const { client, sleeps } = testClient();
    const now = Math.floor(Date.now() / 1000);
    nock(ORG)
      .get('/api/v1/users/me')
      .reply(429, '')
      .get('/api/v1/users/me')
      .reply(429, tooMany, { 'X-Rate-Limit-Reset': String(now + 3) })
      .get('/api/v1/users/me')
      .reply(200, { id: 'me' });
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/me` })).resolves.toMatchObject({ data: { id: 'me' } });
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThan(2000);
    expect(sleeps[1]).toBeGreaterThan(1000);
    expect(sleeps[1]).toBeLessThan(4100);
  });

  it('duplicated and garbage headers crash nothing: the latest reset counts', () => {
    const headers = { date: httpDate(SERVER_NOW), 'x-rate-limit-reset': `${SERVER_NOW + 2}, ${SERVER_NOW + 7}, soon` };
    expect(resetInfo(headers, 0)).toEqual({ resetAt: new Date((SERVER_NOW + 7) * 1000), delayMs: 7000 });
    expect(resetInfo({ 'x-rate-limit-reset': 'soon' }, 0)).toBeUndefined();
    expect(resetInfo({ 'x-rate-limit-reset': String(SERVER_NOW - 5), date: httpDate(SERVER_NOW) }, 0)?.delayMs).toBe(0);
    expect(resetInfo({ 'x-rate-limit-reset': String(SERVER_NOW + 1), date: 'not a date' }, SERVER_NOW * 1000)?.delayMs).toBe(1000);
  });

  it('maxRetries 0 disables retries', async () => {
    const { client, sleeps } = testClient({ maxRetries: 0 });
    nock(ORG).get('/api/v1/users/me').reply(429, tooMany, limited(1));
    await expect(client.request({ method: 'GET', path: path`/api/v1/users/me` })).rejects.toMatchObject({ status: 429 });
    expect(sleeps).toEqual([]);
  });
});

describe('pacing during multi-page jobs', () => {
  it('waits for the reset before the next page when Remaining falls to the threshold', async () => {
    const { client, sleeps } = testClient();
    const members = '/api/v1/groups/00g1/users';
    const pageHeaders = (after: string, remaining: number) => ({
      Link: `<${ORG}${members}?after=${after}&limit=1000>; rel="next"`,
      Date: httpDate(SERVER_NOW),
      'X-Rate-Limit-Remaining': String(remaining),
      'X-Rate-Limit-Reset': String(SERVER_NOW + 4),
    });
    nock(ORG)
      .get(members)
      .query({ limit: '1000' })
      .reply(200, [{ id: 'a' }], pageHeaders('a', 2))
      .get(members)
      .query({ after: 'a', limit: '1000' })
      .reply(200, [{ id: 'b' }], pageHeaders('b', 50))
      .get(members)
      .query({ after: 'b', limit: '1000' })
      .reply(200, []);
    const items = await collect(client.paginate({ path: path`/api/v1/groups/${'00g1'}/users` }, { pageMax: 1000 }));
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(4000);
    expect(sleeps[0]).toBeLessThan(5000);
  });

  it('a 429 in the middle of paging waits and resumes at the same cursor', async () => {
    const { client, sleeps } = testClient();
    nock(ORG)
      .get('/api/v1/users')
      .query({ limit: '200' })
      .reply(200, [{ id: 'a' }], { Link: `<${ORG}/api/v1/users?after=a&limit=200>; rel="next"` })
      .get('/api/v1/users')
      .query({ after: 'a', limit: '200' })
      .reply(429, tooMany, limited(2))
      .get('/api/v1/users')
      .query({ after: 'a', limit: '200' })
      .reply(200, [{ id: 'b' }]);
    expect(await collect(client.paginate({ path: path`/api/v1/users` }, { pageMax: 200 }))).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(sleeps).toHaveLength(1);
  });

  it('waits out a whole fresh 60 s window on every page of a long listing, with the default budget', async () => {
    // Reset is rounded up and Date down to the second, so a fresh window reads as 61 s: it must still fit.
    const { client, sleeps } = testClient();
    const logs = '/api/v1/logs';
    const scope = nock(ORG);
    const pages = 4;
    for (let page = 0; page < pages; page++) {
      const query = page === 0 ? { limit: '1000', until: 'x' } : { after: `c${page}`, limit: '1000', until: 'x' };
      const headers: Record<string, string> = {
        Date: httpDate(SERVER_NOW),
        'X-Rate-Limit-Remaining': '1',
        'X-Rate-Limit-Reset': String(SERVER_NOW + 61),
      };
      if (page < pages - 1) headers['Link'] = `<${ORG}${logs}?after=c${page + 1}&limit=1000&until=x>; rel="next"`;
      scope.get(logs).query(query).reply(200, [{ uuid: `e${page}` }], headers);
    }
    const events = await collect(client.paginate({ path: path`/api/v1/logs`, query: { until: 'x' } }, { pageMax: 1000 }));
    expect(events).toEqual([{ uuid: 'e0' }, { uuid: 'e1' }, { uuid: 'e2' }, { uuid: 'e3' }]);
    expect(sleeps).toHaveLength(3);
    for (const wait of sleeps) {
      expect(wait).toBeGreaterThanOrEqual(61_000);
      expect(wait).toBeLessThan(62_000);
    }
  });
});
