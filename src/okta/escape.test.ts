import { describe, expect, it } from 'vitest';
import { path, quote } from './escape';
import { parseLinkHeader, rawQueryParam, withRawQueryParam } from './links';
import { proxyForUrl } from './proxy';

describe('path``', () => {
  it('encodes every value as one segment', () => {
    expect(path`/api/v1/users/${'../../groups'}`).toBe('/api/v1/users/..%2F..%2Fgroups');
    expect(path`/api/v1/users/${'a/b@x.com'}/factors/${'f?x=1#y'}`).toBe('/api/v1/users/a%2Fb%40x.com/factors/f%3Fx%3D1%23y');
    expect(path`/api/v1/users/${'jdoe+test@example.com'}`).toBe('/api/v1/users/jdoe%2Btest%40example.com');
    expect(path`/api/v1/groups/${42}`).toBe('/api/v1/groups/42');
  });

  it('refuses values that would change the endpoint after URL parsing', () => {
    for (const value of ['', '.', '..']) expect(() => path`/api/v1/users/${value}`, value).toThrow(TypeError);
  });
});

describe('quote', () => {
  it('makes a JSON string literal, so a value cannot end the expression', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('x" or profile.login sw "')).toBe('"x\\" or profile.login sw \\""');
    expect(quote('jdoe@example.com')).toBe('"jdoe@example.com"');
    expect(quote('line\nbreak')).toBe('"line\\nbreak"');
  });
});

describe('parseLinkHeader', () => {
  const A = 'https://acme.okta.com/api/v1/users?after=a&limit=2';
  const S = 'https://acme.okta.com/api/v1/users?limit=2';

  it.each([
    ['separate headers', [`<${S}>; rel="self"`, `<${A}>; rel="next"`]],
    ['one comma-joined value', `<${S}>; rel="self", <${A}>; rel="next"`],
    ['unquoted rel and extra params', `<${S}>;rel=self,<${A}> ; title="a, b; c" ; rel=next`],
    ['several rels in one link', `<${A}>; rel="next last"`],
  ])('%s', (_name, header) => {
    expect(parseLinkHeader(header)['next']).toBe(A);
  });

  it('has no next when only self is sent, and never mistakes self for next', () => {
    expect(parseLinkHeader(`<${S}&after=zzz>; rel="self"`)).toEqual({ self: `${S}&after=zzz` });
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('garbage, <x')).toEqual({});
  });

  it('keeps a comma inside the URL', () => {
    expect(parseLinkHeader('<https://acme.okta.com/api/v1/logs?filter=a,b&after=1>; rel="next"')).toEqual({
      next: 'https://acme.okta.com/api/v1/logs?filter=a,b&after=1',
    });
  });
});

describe('raw query helpers', () => {
  it('rewrites limit without re-encoding anything else', () => {
    const next = 'https://acme.okta.com/api/v1/users?after=00u%2Bx&limit=200&search=status+eq+%22ACTIVE%22';
    expect(withRawQueryParam(next, 'limit', '50')).toBe('https://acme.okta.com/api/v1/users?after=00u%2Bx&limit=50&search=status+eq+%22ACTIVE%22');
    expect(withRawQueryParam('https://acme.okta.com/api/v1/logs?after=1_2', 'limit', '10')).toBe('https://acme.okta.com/api/v1/logs?after=1_2&limit=10');
    expect(rawQueryParam(next, 'after')).toBe('00u%2Bx');
    expect(rawQueryParam(next, 'before')).toBeUndefined();
  });
});

describe('proxyForUrl (getProxyForUrl semantics on an injected env; a bare host:port is http)', () => {
  const target = new URL('https://acme.okta.com');
  it.each([
    [{}, ''],
    [{ HTTPS_PROXY: 'http://p:3128' }, 'http://p:3128'],
    [{ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'http://lower:1'],
    [{ HTTP_PROXY: 'http://p:3128' }, ''],
    [{ ALL_PROXY: 'p:3128' }, 'http://p:3128'],
    [{ https_proxy: '127.0.0.1:3128' }, 'http://127.0.0.1:3128'],
    [{ HTTPS_PROXY: 'http://p:3128', NO_PROXY: '*' }, ''],
    [{ HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.okta.com' }, ''],
    [{ HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'acme.okta.com:8443' }, 'http://p:3128'],
    [{ HTTPS_PROXY: 'http://p:3128', no_proxy: 'other.com, acme.okta.com:443' }, ''],
  ])('%j → %j', (env, expected) => {
    expect(proxyForUrl(target, env)).toBe(expected);
  });
});
