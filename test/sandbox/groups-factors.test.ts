// Groups (types, q / filter / search, members paging, membership rules) and factors (list, verify flows, delete).
import { beforeEach, describe, expect, it } from 'vitest';
import type { OktaErrorBody, OktaFactor, OktaGroup, OktaUser } from '../../src/okta/types.js';
import { DEMO_ANSWER, DEMO_PASSCODE } from './seed.js';
import { startSandbox } from './server.js';
import { call, links, q, relative, useSandbox } from './testkit.js';

let now = Date.parse('2031-01-01T12:00:00.000Z');
const sb = useSandbox({ now: () => new Date(now) }, false);
beforeEach(() => {
  now = Date.parse('2031-01-01T12:00:00.000Z');
  sb.controls.reset();
});

const names = (gs: OktaGroup[]): string[] => gs.map((g) => g.profile.name);
const userId = (login: string): string => sb.controls.state.userByLogin(login)?.id as string;
const groupId = (name: string, i = 0): string => sb.controls.state.groupByName(name)[i]?.id as string;
const errorCode = (res: Awaited<ReturnType<typeof call>>): string => res.json<OktaErrorBody>().errorCode;

describe('groups', () => {
  it('the demo org has the named groups with Okta shapes', async () => {
    const res = await call(sb, 'GET', '/api/v1/groups');
    const gs = res.json<OktaGroup[]>();
    expect(names(gs)).toEqual(['Everyone', 'Engineering', 'Engineering-EU', 'Sales', 'Contractors', 'Contractors', 'AD Users']);
    expect(gs.map((g) => g.type)).toEqual(['BUILT_IN', 'OKTA_GROUP', 'OKTA_GROUP', 'OKTA_GROUP', 'OKTA_GROUP', 'OKTA_GROUP', 'APP_GROUP']);
    for (const g of gs) expect(g.id).toMatch(/^00g[A-Za-z0-9]{17}$/);
    expect(gs[6]?.objectClass).toEqual(['okta:windows_security_principal']);
    expect(Object.keys(gs[1]?._links ?? {}).sort()).toEqual(['apps', 'logo', 'users']);
    expect(links(res).self).toBe(`${sb.url}/api/v1/groups?limit=200`);
  });

  it('q is a name prefix with exact matches first and no paging', async () => {
    const res = await call(sb, 'GET', '/api/v1/groups?q=engineering');
    expect(names(res.json<OktaGroup[]>())).toEqual(['Engineering', 'Engineering-EU']);
    expect(links(res).next).toBeUndefined();
    expect(names((await call(sb, 'GET', '/api/v1/groups?q=Engineering-')).json<OktaGroup[]>())).toEqual(['Engineering-EU']);
    expect(names((await call(sb, 'GET', '/api/v1/groups?q=contr')).json<OktaGroup[]>())).toEqual(['Contractors', 'Contractors']);
  });

  it('filter on type and dates; search on profile with co; refusals', async () => {
    expect(names((await call(sb, 'GET', `/api/v1/groups?filter=${q('type eq "APP_GROUP" or type eq "BUILT_IN"')}`)).json<OktaGroup[]>())).toEqual(['Everyone', 'AD Users']);
    expect(names((await call(sb, 'GET', `/api/v1/groups?search=${q('profile.name eq "SALES"')}`)).json<OktaGroup[]>())).toEqual(['Sales']);
    expect(names((await call(sb, 'GET', `/api/v1/groups?search=${q('profile.description co "agency"')}`)).json<OktaGroup[]>())).toEqual(['Contractors', 'Contractors']);
    expect(errorCode(await call(sb, 'GET', `/api/v1/groups?filter=${q('profile.name eq "Sales"')}`))).toBe('E0000031');
    expect(errorCode(await call(sb, 'GET', `/api/v1/groups?search=${q('type ne "OKTA_GROUP"')}`))).toBe('E0000031');
  });

  it('group paging follows next links', async () => {
    const first = await call(sb, 'GET', '/api/v1/groups?limit=3');
    expect(names(first.json<OktaGroup[]>())).toEqual(['Everyone', 'Engineering', 'Engineering-EU']);
    const second = await call(sb, 'GET', relative(links(first).next as string));
    expect(names(second.json<OktaGroup[]>())).toEqual(['Sales', 'Contractors', 'Contractors']);
    const third = await call(sb, 'GET', relative(links(second).next as string));
    expect(names(third.json<OktaGroup[]>())).toEqual(['AD Users']);
    expect(links(third).next).toBeUndefined();
  });

  it("a user's groups start with Everyone; Everyone's members are every user", async () => {
    const gs = (await call(sb, 'GET', `/api/v1/users/${userId('asmith@example.com')}/groups`)).json<OktaGroup[]>();
    expect(names(gs)).toEqual(['Everyone', 'Sales', 'Engineering-EU']);
    const members = (await call(sb, 'GET', `/api/v1/groups/${groupId('Everyone')}/users`)).json<OktaUser[]>();
    expect(members).toHaveLength(sb.controls.state.users().length);
    expect(Object.keys(members[0]?._links ?? {})).toEqual(['self']);
  });

  it('members page with default 1000 and cap 1000', async () => {
    const s = await startSandbox({ seed: 'empty', users: 1205 });
    try {
      const gid = s.controls.state.groupByName('Generated Users')[0]?.id as string;
      const first = await call(s, 'GET', `/api/v1/groups/${gid}/users?limit=5000`);
      expect(first.json<OktaUser[]>()).toHaveLength(1000);
      expect(new URL(links(first).next as string).searchParams.get('limit')).toBe('1000');
      const rest = await call(s, 'GET', relative(links(first).next as string));
      const tail = rest.json<OktaUser[]>();
      expect(tail).toHaveLength(205);
      expect(tail.at(-1)?.profile.login).toBe('user01205@example.com');
      expect(links(rest).next).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('PUT / DELETE membership: 204, idempotent, logged; APP_GROUP 403 E0000006; BUILT_IN 501 E0000060; unknowns 404', async () => {
    const eng = groupId('Engineering');
    const nora = userId('nofactor@example.com');
    const put = await call(sb, 'PUT', `/api/v1/groups/${eng}/users/${nora}`);
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    const add = sb.controls.state.events().at(-1);
    expect(add?.eventType).toBe('group.user_membership.add');
    expect(add?.target?.map((t) => [t.type, t.id])).toEqual([['User', nora], ['UserGroup', eng]]);
    expect(add?.published).toBe('2031-01-01T12:00:00.000Z');
    expect((await call(sb, 'PUT', `/api/v1/groups/${eng}/users/${nora}`)).status).toBe(204);
    expect(sb.controls.state.events().at(-1)).toBe(add);
    expect((await call(sb, 'DELETE', `/api/v1/groups/${eng}/users/${nora}`)).status).toBe(204);
    expect(sb.controls.state.events().at(-1)?.eventType).toBe('group.user_membership.remove');

    const app = await call(sb, 'PUT', `/api/v1/groups/${groupId('AD Users')}/users/${nora}`);
    expect([app.status, errorCode(app)]).toEqual([403, 'E0000006']);
    const appRemove = await call(sb, 'DELETE', `/api/v1/groups/${groupId('AD Users')}/users/${userId('locked.user@example.com')}`);
    expect([appRemove.status, errorCode(appRemove)]).toEqual([403, 'E0000006']);
    const builtIn = await call(sb, 'PUT', `/api/v1/groups/${groupId('Everyone')}/users/${nora}`);
    expect([builtIn.status, errorCode(builtIn)]).toEqual([501, 'E0000060']);
    expect(builtIn.json<OktaErrorBody>().errorSummary).toBe('Unsupported operation.');
    const noGroup = await call(sb, 'PUT', `/api/v1/groups/00gMissingMissing000/users/${nora}`);
    expect(noGroup.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00gMissingMissing000 (UserGroup)' });
    expect(errorCode(await call(sb, 'PUT', `/api/v1/groups/${eng}/users/00uMissingMissing000`))).toBe('E0000007');
  });

  it('create, get, delete a group', async () => {
    const created = await call(sb, 'POST', '/api/v1/groups', { body: { profile: { name: 'Incident Responders' } } });
    const g = created.json<OktaGroup>();
    expect(g).toMatchObject({ type: 'OKTA_GROUP', profile: { name: 'Incident Responders', description: null }, objectClass: ['okta:user_group'] });
    expect((await call(sb, 'GET', `/api/v1/groups/${g.id}?expand=stats`)).json<OktaGroup>()._embedded).toEqual({ stats: { usersCount: 0, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false } });
    expect((await call(sb, 'DELETE', `/api/v1/groups/${g.id}`)).status).toBe(204);
    expect((await call(sb, 'GET', `/api/v1/groups/${g.id}`)).status).toBe(404);
    expect(errorCode(await call(sb, 'POST', '/api/v1/groups', { body: { profile: {} } }))).toBe('E0000001');
  });
});

describe('factors', () => {
  const factorsOf = async (login: string): Promise<OktaFactor[]> => (await call(sb, 'GET', `/api/v1/users/${userId(login)}/factors`)).json<OktaFactor[]>();
  const factor = async (login: string, type: string): Promise<OktaFactor> => (await factorsOf(login)).find((f) => f.factorType === type) as OktaFactor;
  const verify = (login: string, f: OktaFactor, body?: unknown) => call(sb, 'POST', `/api/v1/users/${userId(login)}/factors/${f.id}/verify`, body === undefined ? {} : { body });

  it('seeded factors per user, with Okta shapes', async () => {
    expect((await factorsOf('jdoe@example.com')).map((f) => f.factorType)).toEqual(['push', 'sms']);
    expect((await factorsOf('asmith@example.com')).map((f) => f.factorType)).toEqual(['push', 'token:software:totp']);
    expect(await factorsOf('nofactor@example.com')).toEqual([]);
    const push = await factor('jdoe@example.com', 'push');
    expect(push).toMatchObject({ provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', profile: { credentialId: 'jdoe@example.com', platform: 'IOS' } });
    expect(push.id).toMatch(/^opf[A-Za-z0-9]{17}$/);
    expect(push._links?.verify).toEqual({ href: `${sb.url}/api/v1/users/${userId('jdoe@example.com')}/factors/${push.id}/verify`, hints: { allow: ['POST'] } });
    const one = await call(sb, 'GET', `/api/v1/users/${userId('jdoe@example.com')}/factors/${push.id}`);
    expect(one.json()).toEqual(push);
  });

  it('push verify: 201 WAITING with poll/cancel links and expiresAt now+300 s, then SUCCESS after one poll', async () => {
    const push = await factor('jdoe@example.com', 'push');
    const res = await verify('jdoe@example.com', push);
    expect(res.status).toBe(201);
    const tx = res.json<{ factorResult: string; expiresAt: string; _links: { poll: { href: string; hints: unknown }; cancel: { href: string; hints: unknown } } }>();
    expect(tx.factorResult).toBe('WAITING');
    expect(tx.expiresAt).toBe('2031-01-01T12:05:00.000Z');
    expect(tx._links.poll.href).toMatch(new RegExp(`^${sb.url}/api/v1/users/${userId('jdoe@example.com')}/factors/${push.id}/transactions/v2mst\\.[A-Za-z0-9]{22}$`));
    expect(tx._links.cancel.href).toBe(tx._links.poll.href);
    expect(tx._links.poll.hints).toEqual({ allow: ['GET'] });
    expect(tx._links.cancel.hints).toEqual({ allow: ['DELETE'] });
    const poll = (): Promise<string> => call(sb, 'GET', relative(tx._links.poll.href)).then((r) => r.json<{ factorResult: string }>().factorResult);
    expect(await poll()).toBe('WAITING');
    expect(await poll()).toBe('SUCCESS');
    expect(await poll()).toBe('SUCCESS');
  });

  it('asmith rejects by default; scripted outcomes and afterPolls; TIMEOUT after expiry', async () => {
    const rejected = await factor('asmith@example.com', 'push');
    const tx1 = (await verify('asmith@example.com', rejected)).json<{ _links: { poll: { href: string } } }>();
    await call(sb, 'GET', relative(tx1._links.poll.href));
    const final = (await call(sb, 'GET', relative(tx1._links.poll.href))).json<{ factorResult: string; _links: Record<string, unknown> }>();
    expect(final.factorResult).toBe('REJECTED');
    expect(Object.keys(final._links).sort()).toEqual(['factor', 'verify']);

    const push = await factor('jdoe@example.com', 'push');
    sb.controls.pushOutcome(push.id, 'TIMEOUT', 3);
    const tx2 = (await verify('jdoe@example.com', push)).json<{ _links: { poll: { href: string } } }>();
    const results: string[] = [];
    for (let i = 0; i < 4; i++) results.push((await call(sb, 'GET', relative(tx2._links.poll.href))).json<{ factorResult: string }>().factorResult);
    expect(results).toEqual(['WAITING', 'WAITING', 'WAITING', 'TIMEOUT']);

    sb.controls.pushOutcome(push.id, 'WAITING');
    const tx3 = (await verify('jdoe@example.com', push)).json<{ _links: { poll: { href: string } } }>();
    expect((await call(sb, 'GET', relative(tx3._links.poll.href))).json<{ factorResult: string }>().factorResult).toBe('WAITING');
    now += 300_001;
    expect((await call(sb, 'GET', relative(tx3._links.poll.href))).json<{ factorResult: string }>().factorResult).toBe('TIMEOUT');
  });

  it('cancelling a transaction is 204 and the transaction is gone', async () => {
    const push = await factor('jdoe@example.com', 'push');
    const tx = (await verify('jdoe@example.com', push)).json<{ _links: { cancel: { href: string } } }>();
    expect((await call(sb, 'DELETE', relative(tx._links.cancel.href))).status).toBe(204);
    expect((await call(sb, 'GET', relative(tx._links.cancel.href))).status).toBe(404);
  });

  it('number matching adds the challenge', async () => {
    const push = await factor('jdoe@example.com', 'push');
    const res = (await verify('jdoe@example.com', push, { useNumberMatchingChallenge: true })).json<{ _embedded: { challenge: { correctAnswer: number } } }>();
    expect(res._embedded.challenge.correctAnswer).toBeGreaterThanOrEqual(10);
    expect(res._embedded.challenge.correctAnswer).toBeLessThan(100);
  });

  it('totp: 200 SUCCESS with the right passCode, 403 E0000068 otherwise', async () => {
    const totp = await factor('asmith@example.com', 'token:software:totp');
    const ok = await verify('asmith@example.com', totp, { passCode: DEMO_PASSCODE });
    expect([ok.status, ok.json()]).toEqual([200, { factorResult: 'SUCCESS' }]);
    const bad = await verify('asmith@example.com', totp, { passCode: '000000' });
    expect(bad.status).toBe(403);
    expect(bad.json()).toMatchObject({ errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer', errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }] });
  });

  it('sms: a first verify sends the challenge, the passCode completes it; question checks the answer', async () => {
    const sms = await factor('jdoe@example.com', 'sms');
    const challenge = await verify('jdoe@example.com', sms);
    expect(challenge.status).toBe(200);
    expect(challenge.json()).toMatchObject({ factorResult: 'CHALLENGE', profile: { phoneNumber: '+15555550100' } });
    expect((await verify('jdoe@example.com', sms, { passCode: DEMO_PASSCODE })).json()).toEqual({ factorResult: 'SUCCESS' });
    const question = await factor('jane.doe@example.com', 'question');
    expect((await verify('jane.doe@example.com', question, { answer: DEMO_ANSWER })).json()).toEqual({ factorResult: 'SUCCESS' });
    expect(errorCode(await verify('jane.doe@example.com', question, { answer: 'green' }))).toBe('E0000068');
  });

  it('a locked-out user cannot verify (403 E0000069)', async () => {
    const push = await factor('locked.user@example.com', 'push');
    expect(errorCode(await verify('locked.user@example.com', push))).toBe('E0000069');
  });

  it('DELETE a factor is 204 and logs user.mfa.factor.deactivate; an unknown factor is 404 E0000007', async () => {
    const sms = await factor('jdoe@example.com', 'sms');
    const del = await call(sb, 'DELETE', `/api/v1/users/${userId('jdoe@example.com')}/factors/${sms.id}`);
    expect(del.status).toBe(204);
    expect(sb.controls.state.events().at(-1)?.eventType).toBe('user.mfa.factor.deactivate');
    const gone = await call(sb, 'GET', `/api/v1/users/${userId('jdoe@example.com')}/factors/${sms.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${sms.id} (UserFactor)` });
    expect((await call(sb, 'DELETE', `/api/v1/users/${userId('jdoe@example.com')}/factors/${sms.id}`)).status).toBe(404);
  });

  it('enrolling an sms factor answers PENDING_ACTIVATION with activate/resend links', async () => {
    const res = await call(sb, 'POST', `/api/v1/users/${userId('nofactor@example.com')}/factors`, { body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+12345678901' } } });
    const f = res.json<OktaFactor>();
    expect(res.status).toBe(200);
    expect(f).toMatchObject({ factorType: 'sms', status: 'PENDING_ACTIVATION', profile: { phoneNumber: '+12345678901' } });
    expect(f.id).toMatch(/^mbl[A-Za-z0-9]{17}$/);
    expect(Object.keys(f._links ?? {}).sort()).toEqual(['activate', 'resend', 'self', 'user']);
  });
});
