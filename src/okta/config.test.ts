import { describe, expect, it } from 'vitest';
import { apiTokenAuth } from './auth';
import { ConfigError, normaliseOrgUrl, optionsFromParams } from './config';
import { TOKEN } from './test-support/helpers';

describe('normaliseOrgUrl', () => {
  it.each([
    ['https://acme.okta.com', 'https://acme.okta.com', []],
    ['acme.okta.com', 'https://acme.okta.com', []],
    ['  https://acme.okta.com/  ', 'https://acme.okta.com', []],
    ['https://acme.okta.com/api/v1', 'https://acme.okta.com', []],
    ['https://acme.okta.com/api/v1/', 'https://acme.okta.com', []],
    ['HTTPS://ACME.OKTA.COM', 'https://acme.okta.com', []],
    ['https://acme.okta.com:443/', 'https://acme.okta.com', []],
    ['https://login.example.com', 'https://login.example.com', []],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010', []],
    ['http://localhost:4010/', 'http://localhost:4010', []],
    ['http://[::1]:4010', 'http://[::1]:4010', []],
  ])('%s → %s', (raw, orgUrl, hints) => {
    expect(normaliseOrgUrl(raw)).toEqual({ orgUrl, hints });
  });

  it('corrects the admin-console host with a hint', () => {
    expect(normaliseOrgUrl('https://acme-admin.okta.com/admin/dashboard')).toEqual({
      orgUrl: 'https://acme.okta.com',
      hints: [
        'acme-admin.okta.com is the admin console; using acme.okta.com (the org URL) for API calls.',
        'The path /admin/dashboard of the URL is ignored; API calls go to https://acme.okta.com/api/v1.',
      ],
    });
    expect(normaliseOrgUrl('dev-123-admin.oktapreview.com').orgUrl).toBe('https://dev-123.oktapreview.com');
  });

  it('leaves a custom domain that merely contains -admin alone', () => {
    expect(normaliseOrgUrl('https://sso-admin.example.com').orgUrl).toBe('https://sso-admin.example.com');
  });

  it('refuses a host without a domain (the token pasted into the URL field) without repeating it', () => {
    const swapped = '00QCjAl4MlV-WPXM0HmjFx-vbGuaSecretTail42';
    expect(() => normaliseOrgUrl(swapped)).toThrow(
      new ConfigError('The Okta URL parameter has no domain (expected something like https://acme.okta.com); check that the URL and the API token were not swapped.'),
    );
    expect(normaliseOrgUrl('http://localhost:4010').orgUrl).toBe('http://localhost:4010');
    expect(normaliseOrgUrl('http://[::1]:4010').orgUrl).toBe('http://[::1]:4010');
  });

  it('drops credentials embedded in the URL and says so', () => {
    const { orgUrl, hints } = normaliseOrgUrl('https://me:pw@acme.okta.com');
    expect(orgUrl).toBe('https://acme.okta.com');
    expect(hints).toHaveLength(1);
  });

  it.each([
    ['', 'The Okta URL parameter is empty'],
    ['http://acme.okta.com', 'The Okta URL must use https://; plain http is allowed only for a local test server (got http://acme.okta.com).'],
    ['http://10.0.0.1', 'plain http is allowed only for a local test server'],
    ['ftp://acme.okta.com', 'The Okta URL must start with https:// (got ftp://).'],
    ['https://', 'not a valid URL'],
  ])('refuses %j', (raw, message) => {
    expect(() => normaliseOrgUrl(raw)).toThrow(ConfigError);
    expect(() => normaliseOrgUrl(raw)).toThrow(message);
  });
});

describe('apiTokenAuth', () => {
  it('sends SSWS <token> and strips a pasted prefix', async () => {
    await expect(apiTokenAuth(TOKEN).header()).resolves.toBe(`SSWS ${TOKEN}`);
    await expect(apiTokenAuth(`SSWS ${TOKEN}`).header()).resolves.toBe(`SSWS ${TOKEN}`);
    await expect(apiTokenAuth(`  ssws   ${TOKEN}\n`).header()).resolves.toBe(`SSWS ${TOKEN}`);
    expect(apiTokenAuth(`SSWS ${TOKEN}`).secrets()).toEqual([TOKEN]);
  });

  it('refuses an empty or mangled token without echoing it', () => {
    expect(() => apiTokenAuth('')).toThrow(ConfigError);
    expect(() => apiTokenAuth('SSWS ')).toThrow('The Okta API token is empty');
    expect(() => apiTokenAuth('abc def')).toThrow('contains spaces or line breaks');
    expect(() => apiTokenAuth('00QCjAl4\u200bMlV')).toThrow('contains characters that are not plain ASCII');
    expect(() => apiTokenAuth('00QCjAl4€MlV')).toThrow('contains characters that are not plain ASCII');
    const error = (() => {
      try {
        apiTokenAuth(`${TOKEN.slice(0, 10)}\n${TOKEN.slice(10)}`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(TOKEN.slice(10));
  });
});

describe('checkbox params', () => {
  const base = { url: 'https://acme.okta.com', credentials: { password: 'tok-123456' } };
  it.each([[true, true], ['true', true], ['YES', true], [false, false], ['false', false], ['no', false], ['', false], [undefined, false]])('%j → %s', (insecure, expected) => {
    expect(optionsFromParams({ ...base, insecure }).options.insecure).toBe(expected);
  });
  it('refuses a value that is neither, naming the parameter', () => {
    expect(() => optionsFromParams({ ...base, proxy: 'yse' })).toThrow('The proxy parameter must be true or false (got "yse").');
  });
});

describe('the timeout param', () => {
  const base = { url: 'https://acme.okta.com', credentials: { password: 'tok-123456' } };
  it('is seconds and becomes timeoutMs', () => {
    expect(optionsFromParams({ ...base, timeout: '2.5' }).options.timeoutMs).toBe(2500);
    expect(optionsFromParams({ ...base, timeout: '' }).options.timeoutMs).toBeUndefined();
  });
  it.each(['abc', '0', '-5', '99999'])('refuses %s', (timeout) => {
    expect(() => optionsFromParams({ ...base, timeout })).toThrow('The Request timeout parameter must be a number of seconds greater than 0 and at most 3600');
  });
});

describe('optionsFromParams', () => {
  it('reads the type-9 credential, string booleans, and returns hints', async () => {
    const { options, hints } = optionsFromParams({
      url: 'acme-admin.okta.com/',
      credentials: { identifier: '', password: TOKEN },
      insecure: 'true',
      proxy: 'false',
    });
    expect(options).toMatchObject({ orgUrl: 'https://acme.okta.com', insecure: true, proxy: false });
    await expect(options.auth.header()).resolves.toBe(`SSWS ${TOKEN}`);
    expect(hints).toEqual(['acme-admin.okta.com is the admin console; using acme.okta.com (the org URL) for API calls.']);
  });

  it('falls back to the legacy apitoken param and real booleans', async () => {
    const { options } = optionsFromParams({ url: 'https://acme.okta.com', credentials: { password: '' }, apitoken: TOKEN, insecure: false, proxy: true });
    expect(options).toMatchObject({ insecure: false, proxy: true });
    await expect(options.auth.header()).resolves.toBe(`SSWS ${TOKEN}`);
  });

  it('explains a missing token or URL', () => {
    expect(() => optionsFromParams({ url: 'https://acme.okta.com' })).toThrow('The Okta API token is empty');
    expect(() => optionsFromParams({ credentials: { password: TOKEN } })).toThrow('The Okta URL parameter is empty');
  });
});
