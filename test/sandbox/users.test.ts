// Users: lookup, list modes (none / q / filter / search), paging, create rules, updates and their events.
import { describe, expect, it } from 'vitest';
import type { OktaErrorBody, OktaUser } from '../../src/okta/types.js';
import { startSandbox } from './server.js';
import { call, links, q, relative, useSandbox } from './testkit.js';

const sb = useSandbox();

const logins = (users: OktaUser[]): string[] => users.map((u) => u.profile.login);
const list = async (query: string): Promise<{ users: OktaUser[]; res: Awaited<ReturnType<typeof call>> }> => {
  const res = await call(sb, 'GET', `/api/v1/users${query}`);
  expect(res.status, res.text).toBe(200);
  return { users: res.json<OktaUser[]>(), res };
};
const err = (res: Awaited<ReturnType<typeof call>>): OktaErrorBody => res.json<OktaErrorBody>();

describe('get user', () => {
  it('by id, login (any case), unique short name and me', async () => {
    const id = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    for (const key of [id, 'jdoe@example.com', 'JDoe@Example.COM', 'jdoe', 'jdoe%40example.com']) {
      const res = await call(sb, 'GET', `/api/v1/users/${key}`);
      expect(res.status, key).toBe(200);
      expect(res.json<OktaUser>().id).toBe(id);
    }
    expect((await call(sb, 'GET', '/api/v1/users/me')).json<OktaUser>().profile.login).toBe('admin@example.com');
  });

  it('has Okta shapes: 20-char ids, ms timestamps with Z, type.id, provider, per-status links', async () => {
    const u = (await call(sb, 'GET', '/api/v1/users/jdoe@example.com')).json<OktaUser>();
    expect(u.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    for (const k of ['created', 'activated', 'statusChanged', 'lastLogin', 'lastUpdated', 'passwordChanged'] as const) {
      expect(u[k], k).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(u.type?.id).toMatch(/^oty[A-Za-z0-9]{17}$/);
    expect(u.credentials?.provider).toEqual({ type: 'OKTA', name: 'OKTA' });
    expect(u.credentials?.password).toEqual({});
    expect(Object.keys(u._links ?? {}).sort()).toEqual(
      ['changePassword', 'changeRecoveryQuestion', 'deactivate', 'expirePassword', 'forgotPassword', 'resetFactors', 'resetPassword', 'schema', 'self', 'suspend', 'type'],
    );
    expect(u._links?.suspend).toEqual({ href: `${sb.url}/api/v1/users/${u.id}/lifecycle/suspend`, method: 'POST' });
    const staged = (await call(sb, 'GET', '/api/v1/users/staged.user@example.com')).json<OktaUser>();
    expect(Object.keys(staged._links ?? {}).sort()).toEqual(['activate', 'resetFactors', 'schema', 'self', 'type']);
    expect(staged.credentials).toEqual({ provider: { type: 'OKTA', name: 'OKTA' } });
    expect(staged.passwordChanged).toBeNull();
    const suspended = (await call(sb, 'GET', '/api/v1/users/suspended.user@example.com')).json<OktaUser>();
    expect(Object.keys(suspended._links ?? {}).sort()).toEqual(['deactivate', 'resetFactors', 'schema', 'self', 'type', 'unsuspend']);
    const provisioned = (await call(sb, 'GET', '/api/v1/users/provisioned.user@example.com')).json<OktaUser>();
    expect(Object.keys(provisioned._links ?? {}).sort()).toEqual(['deactivate', 'reactivate', 'resetPassword', 'schema', 'self', 'suspend', 'type']);
  });

  it('a login with a slash resolves only by id; %2F in the path is 404', async () => {
    const res = await call(sb, 'GET', '/api/v1/users/a%2Fb%40example.com');
    expect(res.status).toBe(404);
    expect(err(res)).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: a/b@example.com (User)' });
    const id = sb.controls.state.userByLogin('a/b@example.com')?.id as string;
    expect((await call(sb, 'GET', `/api/v1/users/${id}`)).json<OktaUser>().profile.login).toBe('a/b@example.com');
  });

  it('non-ASCII logins resolve percent-encoded', async () => {
    const res = await call(sb, 'GET', `/api/v1/users/${q('zoë.müller@example.com')}`);
    expect(res.json<OktaUser>().profile.firstName).toBe('Zoë');
  });
});

describe('list users', () => {
  it('no parameters: everyone but DEPROVISIONED, in creation order, collection links are self only', async () => {
    const { users, res } = await list('');
    expect(logins(users)).not.toContain('former.employee@example.com');
    expect(logins(users).slice(0, 3)).toEqual(['admin@example.com', 'jdoe@example.com', 'asmith@example.com']);
    expect(Object.keys(users[0]?._links ?? {})).toEqual(['self']);
    expect(links(res)).toEqual({ self: `${sb.url}/api/v1/users?limit=200` });
  });

  it('q: prefix of first name, last name or email, case-insensitive, default limit 10, no next link', async () => {
    expect(logins((await list('?q=DOE')).users)).toEqual(['jdoe@example.com', 'jane.doe@example.com']);
    expect(logins((await list('?q=al')).users)).toEqual(['asmith@example.com']);
    expect(logins((await list('?q=former')).users)).toEqual([]);
    const s = await startSandbox({ users: 30, seed: 'empty' });
    try {
      const res = await call(s, 'GET', '/api/v1/users?q=user');
      expect(res.json<OktaUser[]>()).toHaveLength(10);
      expect(links(res).next).toBeUndefined();
      expect((await call(s, 'GET', '/api/v1/users?q=user&limit=25')).json<OktaUser[]>()).toHaveLength(25);
    } finally {
      await s.close();
    }
  });

  it('filter: eq is case-sensitive and includes DEPROVISIONED; lastUpdated ranges; and/or/parentheses', async () => {
    expect(logins((await list(`?filter=${q('status eq "DEPROVISIONED"')}`)).users)).toEqual(['former.employee@example.com']);
    expect(logins((await list(`?filter=${q('profile.login eq "JDOE@example.com"')}`)).users)).toEqual([]);
    expect(logins((await list(`?filter=${q('profile.login eq "jdoe@example.com"')}`)).users)).toEqual(['jdoe@example.com']);
    const either = await list(`?filter=${q('(status eq "LOCKED_OUT" or status eq "SUSPENDED") and lastUpdated gt "2000-01-01T00:00:00.000Z"')}`);
    expect(logins(either.users)).toEqual(['locked.user@example.com', 'suspended.user@example.com']);
    expect(logins((await list(`?filter=${q('lastUpdated lt "2000-01-01T00:00:00.000Z"')}`)).users)).toEqual([]);
  });

  it('filter refusals: unsupported attribute or operator, not, bad date', async () => {
    for (const f of ['profile.department eq "IT"', 'status sw "ACT"', 'not status eq "ACTIVE"', 'status eq']) {
      const res = await call(sb, 'GET', `/api/v1/users?filter=${q(f)}`);
      expect(res.status, f).toBe(400);
      expect(err(res).errorCode, f).toBe('E0000031');
      expect(err(res).errorSummary).toBe('Invalid search criteria.');
    }
    const date = await call(sb, 'GET', `/api/v1/users?filter=${q('lastUpdated gt "yesterday"')}`);
    expect(err(date).errorCode).toBe('E0000030');
  });

  it('search: case-insensitive values, includes DEPROVISIONED, any profile attribute, sw / co / pr', async () => {
    expect(logins((await list(`?search=${q('profile.login eq "FORMER.EMPLOYEE@EXAMPLE.COM"')}`)).users)).toEqual(['former.employee@example.com']);
    expect(logins((await list(`?search=${q('profile.department eq "engineering"')}`)).users)).toEqual(['jdoe@example.com']);
    expect(logins((await list(`?search=${q('profile.email sw "a"')}`)).users)).toEqual(['admin@example.com', 'asmith@example.com', 'a/b@example.com']);
    expect(logins((await list(`?search=${q('profile.lastName co "OCK"')}`)).users)).toEqual(['locked.user@example.com']);
    expect(logins((await list(`?search=${q('profile.city pr and not (profile.countryCode pr)')}`)).users)).toEqual(['jdoe@example.com']);
    expect(logins((await list(`?search=${q('profile.login eq "a/b@example.com"')}`)).users)).toEqual(['a/b@example.com']);
    expect(logins((await list(`?search=${q('profile.firstName eq "zoe"')}`)).users)).toEqual([]);
  });

  it('search refusals and filter+search together', async () => {
    expect(err(await call(sb, 'GET', `/api/v1/users?search=${q('status ne "ACTIVE"')}`)).errorCode).toBe('E0000031');
    expect(err(await call(sb, 'GET', `/api/v1/users?search=${q('profile.city co "x"')}`)).errorCode).toBe('E0000031');
    const both = await call(sb, 'GET', `/api/v1/users?search=${q('status eq "ACTIVE"')}&filter=${q('status eq "ACTIVE"')}`);
    expect(both.status).toBe(400);
    expect(err(both).errorCode).toBe('E0000033');
  });

  it('search with sortBy sorts case-insensitively (ties by id) and pages by cursor', async () => {
    const all = await list(`?search=${q('status eq "ACTIVE"')}&sortBy=profile.lastName&sortOrder=desc&limit=3`);
    const names = all.users.map((u) => u.profile.lastName);
    expect(names).toEqual(['Smith', 'Nofactor', 'Müller']);
    const next = links(all.res).next as string;
    expect(new URL(next).searchParams.get('sortBy')).toBe('profile.lastName');
    const page2 = (await call(sb, 'GET', relative(next))).json<OktaUser[]>();
    expect(page2.map((u) => u.profile.lastName)).toEqual(['Login', 'Doe', 'Doe']);
  });

  it('pages with absolute next links that keep the other parameters and opaque cursors, until no next', async () => {
    const s = await startSandbox({ users: 450 });
    try {
      let url: string | undefined = `/api/v1/users?search=${q('profile.lastName sw "0"')}`;
      const seen: string[] = [];
      let pages = 0;
      while (url && pages < 10) {
        const res = await call(s, 'GET', url);
        const batch = res.json<OktaUser[]>();
        seen.push(...logins(batch));
        const next = links(res).next;
        if (next) {
          expect(next.startsWith(`${s.url}/api/v1/users?`)).toBe(true);
          const p = new URL(next).searchParams;
          expect(p.get('search')).toBe('profile.lastName sw "0"');
          expect(p.get('limit')).toBe('200');
          expect(p.get('after')).not.toMatch(/^00u/);
          expect(batch).toHaveLength(200);
        }
        url = next ? relative(next) : undefined;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(450);
      expect(new Set(seen).size).toBe(450);
      expect(seen[0]).toBe('user00001@example.com');
      expect(seen[449]).toBe('user00450@example.com');
    } finally {
      await s.close();
    }
  });

  it('limit is capped at 200; a cursor that is not ours is 400 E0000029', async () => {
    const s = await startSandbox({ users: 300, seed: 'empty' });
    try {
      expect((await call(s, 'GET', '/api/v1/users?limit=500')).json<OktaUser[]>()).toHaveLength(200);
      expect(err(await call(s, 'GET', '/api/v1/users?after=00uSomethingElse')).errorCode).toBe('E0000029');
    } finally {
      await s.close();
    }
  });
});

describe('create user', () => {
  const profile = (login: string): Record<string, string> => ({ firstName: 'Test', lastName: 'Person', email: login, login });

  it.each([
    ['?activate=false', true, 'STAGED'],
    ['?activate=false', false, 'STAGED'],
    ['', true, 'ACTIVE'],
    ['?activate=true', false, 'PROVISIONED'],
    ['?nextLogin=changePassword', true, 'PASSWORD_EXPIRED'],
  ])('POST /api/v1/users%s with password=%s → 200 %s', async (qs, withPassword, status) => {
    const body = { profile: profile('new.person@example.com'), ...(withPassword ? { credentials: { password: { value: 'Sandb0x-Secret' } } } : {}) };
    const res = await call(sb, 'POST', `/api/v1/users${qs}`, { body });
    expect(res.status).toBe(200);
    const u = res.json<OktaUser>();
    expect(u.status).toBe(status);
    expect(u.profile).toMatchObject(body.profile);
    expect(u.credentials?.password).toEqual(withPassword ? {} : undefined);
    expect(res.text).not.toContain('Sandb0x-Secret');
    expect(u.activated === null).toBe(status === 'STAGED');
    const types = sb.controls.state.events().slice(-2).map((e) => e.eventType);
    expect(types).toContain('user.lifecycle.create');
  });

  it('federated provider needs provider=true and becomes ACTIVE', async () => {
    const body = { profile: profile('fed.user@example.com'), credentials: { provider: { type: 'FEDERATION', name: 'FEDERATION' } } };
    expect(err(await call(sb, 'POST', '/api/v1/users', { body })).errorCode).toBe('E0000001');
    const res = await call(sb, 'POST', '/api/v1/users?provider=true', { body });
    expect(res.json<OktaUser>()).toMatchObject({ status: 'ACTIVE', credentials: { provider: { type: 'FEDERATION', name: 'FEDERATION' } } });
  });

  it('duplicate login (case- and diacritics-insensitive) → 400 E0000001 with the cause', async () => {
    for (const login of ['JDOE@example.com', 'zoe.muller@example.com']) {
      const res = await call(sb, 'POST', '/api/v1/users', { body: { profile: profile(login) } });
      expect(res.status).toBe(400);
      expect(err(res)).toMatchObject({
        errorCode: 'E0000001',
        errorSummary: 'Api validation failed: login',
        errorCauses: [{ errorSummary: 'login: An object with this field already exists in the current organization' }],
      });
    }
  });

  it('nextLogin rules: E0000125 without activate, E0000124 without a password', async () => {
    const p = { profile: profile('rule.user@example.com') };
    expect(err(await call(sb, 'POST', '/api/v1/users?activate=false&nextLogin=changePassword', { body: { ...p, credentials: { password: { value: 'Sandb0x-Secret' } } } })).errorCode).toBe('E0000125');
    expect(err(await call(sb, 'POST', '/api/v1/users?nextLogin=changePassword', { body: p })).errorCode).toBe('E0000124');
  });

  it('validation: unknown attribute, blank required field, non-email login, weak password, > 20 groupIds', async () => {
    const unknown = await call(sb, 'POST', '/api/v1/users', { body: { profile: { ...profile('x1@example.com'), notValid: 'y' } } });
    expect(err(unknown)).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: newUser', errorCauses: [{ errorSummary: "Property name 'notValid' is not defined in profile" }] });
    const blank = await call(sb, 'POST', '/api/v1/users', { body: { profile: { ...profile('x2@example.com'), firstName: '' } } });
    expect(err(blank)).toMatchObject({ errorSummary: 'Api validation failed: firstName' });
    const login = await call(sb, 'POST', '/api/v1/users', { body: { profile: { ...profile('x3@example.com'), login: 'not-an-email' } } });
    expect(err(login)).toMatchObject({ errorSummary: 'Api validation failed: login' });
    const weak = await call(sb, 'POST', '/api/v1/users', { body: { profile: profile('x4@example.com'), credentials: { password: { value: 'short' } } } });
    expect(err(weak)).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: password' });
    expect(weak.text).not.toContain('"short"');
    const g = sb.controls.state.groupByName('Sales')[0]?.id as string;
    const many = await call(sb, 'POST', '/api/v1/users', { body: { profile: profile('x5@example.com'), groupIds: Array(21).fill(g) } });
    expect(err(many)).toMatchObject({ errorCode: 'E0000093', errorCauses: [{ errorSummary: 'The number of group targets is too large' }] });
    expect(sb.controls.state.userByLogin('x5@example.com')).toBeUndefined();
  });

  it('groupIds add memberships and log group.user_membership.add', async () => {
    const g = sb.controls.state.groupByName('Sales')[0]?.id as string;
    const u = (await call(sb, 'POST', '/api/v1/users', { body: { profile: profile('grouped@example.com'), groupIds: [g] } })).json<OktaUser>();
    const groups = (await call(sb, 'GET', `/api/v1/users/${u.id}/groups`)).json<Array<{ profile: { name: string } }>>();
    expect(groups.map((x) => x.profile.name)).toEqual(['Everyone', 'Sales']);
    expect(sb.controls.state.events().at(-1)?.eventType).toBe('group.user_membership.add');
  });
});

describe('update user', () => {
  it('POST merges the profile, PUT replaces it', async () => {
    const id = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    const merged = (await call(sb, 'POST', `/api/v1/users/${id}`, { body: { profile: { nickName: 'JD' } } })).json<OktaUser>();
    expect(merged.profile).toMatchObject({ nickName: 'JD', department: 'Engineering', firstName: 'John' });
    expect(sb.controls.state.events().at(-1)?.eventType).toBe('user.account.update_profile');
    const replaced = (await call(sb, 'PUT', `/api/v1/users/${id}`, { body: { profile: { login: 'jdoe@example.com', email: 'jdoe@example.com', firstName: 'Johnny', lastName: 'Doe' } } })).json<OktaUser>();
    expect(replaced.profile.department).toBeUndefined();
    expect(replaced.profile.nickName).toBeUndefined();
    expect(replaced.profile.firstName).toBe('Johnny');
    const incomplete = await call(sb, 'PUT', `/api/v1/users/${id}`, { body: { profile: { nickName: 'x' } } });
    expect(err(incomplete).errorCode).toBe('E0000001');
  });

  it('changing the login re-indexes it; taking someone else\'s login is refused', async () => {
    const id = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    await call(sb, 'POST', `/api/v1/users/${id}`, { body: { profile: { login: 'john.doe@example.com' } } });
    expect((await call(sb, 'GET', '/api/v1/users/john.doe@example.com')).json<OktaUser>().id).toBe(id);
    expect((await call(sb, 'GET', '/api/v1/users/jdoe@example.com')).status).toBe(404);
    const clash = await call(sb, 'POST', `/api/v1/users/${id}`, { body: { profile: { login: 'asmith@example.com' } } });
    expect(err(clash).errorCauses?.[0]?.errorSummary).toBe('login: An object with this field already exists in the current organization');
  });

  it('admin set-password via credentials.password.value sets passwordChanged and completes PASSWORD_EXPIRED', async () => {
    const id = sb.controls.state.userByLogin('expired.user@example.com')?.id as string;
    const before = sb.controls.state.userByLogin('expired.user@example.com') as OktaUser;
    const res = await call(sb, 'POST', `/api/v1/users/${id}`, { body: { credentials: { password: { value: 'N3w-Passphrase' } } } });
    const u = res.json<OktaUser>();
    expect(u.status).toBe('ACTIVE');
    expect(u.passwordChanged).not.toBe(before.passwordChanged);
    expect(res.text).not.toContain('N3w-Passphrase');
    expect(sb.controls.state.events().at(-1)?.eventType).toBe('user.account.update_password');
  });

  it('change_password checks the old password; sessions DELETE is 204', async () => {
    const id = (await call(sb, 'POST', '/api/v1/users', { body: { profile: { login: 'pw@example.com', email: 'pw@example.com', firstName: 'P', lastName: 'W' }, credentials: { password: { value: 'First-Passw0rd' } } } })).json<OktaUser>().id;
    const wrong = await call(sb, 'POST', `/api/v1/users/${id}/credentials/change_password`, { body: { oldPassword: { value: 'nope' }, newPassword: { value: 'Second-Passw0rd' } } });
    expect(wrong.status).toBe(403);
    const ok = await call(sb, 'POST', `/api/v1/users/${id}/credentials/change_password`, { body: { oldPassword: { value: 'First-Passw0rd' }, newPassword: { value: 'Second-Passw0rd' } } });
    expect(ok.json()).toEqual({ password: {}, provider: { type: 'OKTA', name: 'OKTA' } });
    expect((await call(sb, 'DELETE', `/api/v1/users/${id}/sessions`)).status).toBe(204);
  });
});

describe('mutation events', () => {
  it('carry the admin as actor, the caller as client and the user as target', async () => {
    await call(sb, 'POST', '/api/v1/users/jdoe@example.com/lifecycle/suspend', { headers: { 'User-Agent': 'playbook-runner/2.0' } });
    const e = sb.controls.state.events().at(-1);
    const jdoe = sb.controls.state.userByLogin('jdoe@example.com') as OktaUser;
    expect(e).toMatchObject({
      eventType: 'user.lifecycle.suspend',
      actor: { alternateId: 'admin@example.com', type: 'User', displayName: 'Ada Admin' },
      client: { ipAddress: '127.0.0.1', userAgent: { rawUserAgent: 'playbook-runner/2.0' } },
      outcome: { result: 'SUCCESS', reason: null },
      target: [{ id: jdoe.id, type: 'User', alternateId: 'jdoe@example.com', displayName: 'John Doe' }],
      version: '0',
    });
    expect(e?.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(e?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
