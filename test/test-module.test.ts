// The integration's Test button: `ok`, or what to fix.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { execute } from '../src/runtime/dispatcher';
import { ORG, PARAMS, TOKEN, okta, useNock } from './helpers/run';

useNock();

const test = (params: Record<string, unknown> = PARAMS) => execute({ command: 'test-module', params }, { sleep: async () => {} });

describe('test-module', () => {
  it('returns ok after one GET /api/v1/users/me with the SSWS token', async () => {
    okta().get('/api/v1/users/me').reply(200, { id: '00u1', status: 'ACTIVE', profile: { login: 'admin@example.com' } });
    expect(await test()).toEqual([{ Type: 1, ContentsFormat: 'text', Contents: 'ok', HumanReadable: 'ok' }]);
  });

  it('accepts a token pasted with its SSWS prefix and a URL pasted with /api/v1/', async () => {
    okta().get('/api/v1/users/me').reply(200, { id: '00u1' });
    const entries = await test({ url: `${ORG}/api/v1/`, credentials: { password: `SSWS ${TOKEN}` } });
    expect(entries[0]?.Contents).toBe('ok');
  });

  it('says to check the API token on 401, without showing it', async () => {
    okta().get('/api/v1/users/me').reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oaeX', errorCauses: [] });
    const [entry] = await test();
    expect(entry?.Type).toBe(4);
    expect(String(entry?.Contents)).toMatch(/^Okta API error 401 E0000011: Invalid token provided \[errorId oaeX\]\nHint: check the API token/);
    expect(JSON.stringify(entry)).not.toContain(TOKEN);
  });

  it('refuses a plain-http URL to a remote host before any request', async () => {
    const [entry] = await test({ url: 'http://acme.okta.com', credentials: { password: TOKEN } });
    expect(entry?.Type).toBe(4);
    expect(String(entry?.Contents)).toContain('The Okta URL must use https://');
  });

  it('corrects the admin-console host and says so', async () => {
    nock('https://acme.okta.com').get('/api/v1/users/me').reply(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorCauses: [] });
    const [entry] = await test({ url: 'https://acme-admin.okta.com', credentials: { password: TOKEN } });
    expect(String(entry?.Contents)).toContain("Hint: the API token's admin lacks the permission");
    expect(String(entry?.Contents)).toContain('acme-admin.okta.com is the admin console; using acme.okta.com');
  });

  it('explains a missing token', async () => {
    const [entry] = await test({ url: ORG });
    expect(entry?.Type).toBe(4);
    expect(String(entry?.Contents)).toMatch(/token/i);
  });
});
