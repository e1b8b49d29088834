// One table over every error path: the API token must not appear in any thrown value or debug line, even when
// the server (or a proxy, or the network layer) echoes it back.
import { inspect } from 'node:util';
import nock from 'nock';
import { expect, it } from 'vitest';
import type { AuthProvider } from './auth';
import type { OktaClient } from './client';
import { path } from './escape';
import { ORG, TOKEN, netError, testClient } from './test-support/helpers';
import { useNock } from './test-support/nock';

useNock();

const body = (errorCode: string, errorSummary: string, extra: Record<string, unknown> = {}) => ({ errorCode, errorSummary, errorCauses: [], ...extra });
const scope = () => nock(ORG);
const me = path`/api/v1/users/me`;
const get = (client: OktaClient) => client.request({ method: 'GET', path: me });

interface Case {
  name: string;
  setup(): void;
  run(client: OktaClient): Promise<unknown>;
  options?: Parameters<typeof testClient>[0];
}

const cases: Case[] = [
  {
    name: '401 whose summary echoes the header',
    setup: () => scope().get('/api/v1/users/me').reply(401, body('E0000011', `Invalid token provided: SSWS ${TOKEN}`)),
    run: get,
  },
  {
    name: '403 with the token in a cause',
    setup: () => scope().get('/api/v1/users/me').reply(403, body('E0000006', 'No permission', { errorCauses: [{ errorSummary: `token ${TOKEN}` }] })),
    run: get,
  },
  {
    name: '404 for the token used as an id',
    setup: () => scope().get(`/api/v1/users/${TOKEN}`).reply(404, body('E0000007', `Not found: Resource not found: ${TOKEN} (User)`, { errorId: TOKEN })),
    run: (c) => c.request({ method: 'GET', path: path`/api/v1/users/${TOKEN}` }),
  },
  {
    name: '429 after the retries',
    options: { maxRetries: 0 },
    setup: () => scope().get('/api/v1/users/me').reply(429, body('E0000047', 'rate'), { 'X-Okta-Request-Id': TOKEN, 'X-Rate-Limit-Reset': '1' }),
    run: get,
  },
  {
    name: '429 beyond the wait budget',
    options: { rateLimitBudgetMs: 10 },
    setup: () => scope().get(`/api/v1/users/${TOKEN}`).reply(429, body('E0000047', 'rate'), { 'X-Rate-Limit-Reset': String(Math.floor(Date.now() / 1000) + 30) }),
    run: (c) => c.request({ method: 'GET', path: path`/api/v1/users/${TOKEN}` }),
  },
  {
    name: '500',
    setup: () => scope().get('/api/v1/users/me').reply(500, body('E0000009', `Internal Server Error ${TOKEN}`)),
    run: get,
  },
  {
    name: '503 after the retries',
    setup: () => scope().get('/api/v1/users/me').times(3).reply(503, `<html>Service Unavailable ${TOKEN}</html>`),
    run: get,
  },
  {
    name: 'an HTML page echoing the request headers (a proxy page)',
    setup: () => scope().get('/api/v1/users/me').reply(200, `<html><pre>Authorization: SSWS ${TOKEN}</pre></html>`, { 'Content-Type': 'text/html' }),
    run: get,
  },
  {
    name: 'an HTML page echoing the token where the 200-character excerpt would cut it in half',
    setup: () => scope().get('/api/v1/users/me').reply(200, `<html>${'x'.repeat(170)} SSWS ${TOKEN} tail</html>`, { 'Content-Type': 'text/html' }),
    run: get,
  },
  {
    name: 'a redirect to a URL with the token',
    setup: () => scope().get('/api/v1/users/me').reply(302, '', { Location: `https://evil.example/?t=${TOKEN}` }),
    run: get,
  },
  {
    name: 'a foreign next link carrying the token',
    setup: () => scope().get('/api/v1/users').query(true).reply(200, [{ id: 'a' }], { Link: `<https://${TOKEN}.evil.example/?after=${TOKEN}>; rel="next"` }),
    run: async (c) => {
      for await (const _ of c.paginate({ path: path`/api/v1/users` }, { pageMax: 200 })) void _;
    },
  },
  {
    name: 'a page that is not a list',
    setup: () => scope().get('/api/v1/users').query(true).reply(200, { token: TOKEN }),
    run: async (c) => {
      for await (const _ of c.paginate({ path: path`/api/v1/users` }, { pageMax: 200 })) void _;
    },
  },
  {
    name: 'a foreign poll link',
    setup: () => {},
    run: (c) => c.follow('GET', `https://evil.example/${TOKEN}`),
  },
  {
    name: 'a connection reset on POST',
    setup: () => scope().post('/api/v1/users').replyWithError(netError('ECONNRESET', `socket hang up SSWS ${TOKEN}`)),
    run: (c) => c.request({ method: 'POST', path: path`/api/v1/users`, body: { token: TOKEN } }),
  },
  {
    name: 'a TLS failure',
    setup: () => scope().get('/api/v1/users/me').replyWithError(netError('DEPTH_ZERO_SELF_SIGNED_CERT', `self-signed certificate ${TOKEN}`)),
    run: get,
  },
  {
    name: 'a DNS failure',
    setup: () => scope().get('/api/v1/users/me').replyWithError(netError('ENOTFOUND', `getaddrinfo ENOTFOUND ${TOKEN}`)),
    run: get,
  },
  {
    name: 'a refused connection',
    setup: () => scope().get('/api/v1/users/me').replyWithError(netError('ECONNREFUSED', `connect ECONNREFUSED ${TOKEN}`)),
    run: get,
  },
  {
    name: 'a timeout',
    setup: () => scope().get('/api/v1/users/me').replyWithError(netError('ETIMEDOUT', `timeout ${TOKEN}`)),
    run: get,
  },
  {
    name: 'an unclassified failure',
    setup: () => scope().get('/api/v1/users/me').replyWithError(new Error(`weird ${TOKEN}`)),
    run: get,
  },
  {
    name: 'an auth provider that fails mentioning its secret',
    options: {
      auth: {
        header: () => Promise.reject(new Error(`could not mint a token from ${TOKEN}`)),
        secrets: () => [TOKEN],
      } satisfies AuthProvider,
    },
    setup: () => {},
    run: get,
  },
];

it.each(cases.map((c) => [c.name, c] as const))('%s: the token appears nowhere', async (_name, testCase) => {
  const { client, debug } = testClient(testCase.options);
  testCase.setup();
  const error = await testCase.run(client).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const err = error as Error;
  const views = [
    err.message,
    String(err.stack),
    String(err),
    inspect(err, { depth: null, showHidden: true }),
    JSON.stringify(err, Object.getOwnPropertyNames(err)),
    ...debug,
  ];
  // Not even a recognisable part of it: an excerpt cut mid-token must not show its first half.
  const head = TOKEN.slice(0, 12).toLowerCase();
  for (const view of views) {
    expect(view.toLowerCase()).not.toContain(TOKEN.toLowerCase());
    expect(view.toLowerCase()).not.toContain(head);
  }
  expect(err.message.length).toBeGreaterThan(20);
});
