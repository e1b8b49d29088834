import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { oktaApi } from './api';
import { quote } from './escape';
import { ORG, collect, testClient } from './test-support/helpers';
import { useNock } from './test-support/nock';

useNock();

const setup = () => {
  const t = testClient();
  return { ...t, api: oktaApi(t.client) };
};
const user = (id: string) => ({ id, status: 'ACTIVE', profile: { login: `${id}@example.com` } });

describe('users', () => {
  it('me, get (login encoded as one segment)', async () => {
    const { api } = setup();
    nock(ORG).get('/api/v1/users/me').reply(200, user('00uMe')).get('/api/v1/users/a%2Fb%40example.com').reply(200, user('00uAB'));
    expect((await api.users.me()).id).toBe('00uMe');
    expect((await api.users.get('a/b@example.com')).id).toBe('00uAB');
  });

  it('search sends the escaped expression and pages by 200', async () => {
    const { api } = setup();
    const expression = `profile.login eq ${quote('x" or status eq "ACTIVE')}`;
    nock(ORG).get('/api/v1/users').query({ search: 'profile.login eq "x\\" or status eq \\"ACTIVE"', limit: '200' }).reply(200, [user('00u1')]);
    expect(await collect(api.users.search(expression))).toEqual([user('00u1')]);
  });

  it('search with a limit asks for that page size', async () => {
    const { api } = setup();
    nock(ORG).get('/api/v1/users').query({ search: 'status eq "ACTIVE"', limit: '5' }).reply(200, [user('00u1')]);
    expect(await collect(api.users.search('status eq "ACTIVE"', { limit: 5 }))).toHaveLength(1);
  });

  it('list passes q and filter through', async () => {
    const { api } = setup();
    nock(ORG).get('/api/v1/users').query({ q: 'jo', limit: '10' }).reply(200, [user('00u1')]);
    nock(ORG).get('/api/v1/users').query({ filter: 'status eq "LOCKED_OUT"', limit: '200' }).reply(200, []);
    expect(await collect(api.users.list({ q: 'jo' }, { limit: 10 }))).toHaveLength(1);
    expect(await collect(api.users.list({ filter: 'status eq "LOCKED_OUT"' }))).toEqual([]);
  });

  it('create posts the body with activate/provider/nextLogin', async () => {
    const { api } = setup();
    const body = { profile: { login: 'n@example.com', email: 'n@example.com', firstName: 'N', lastName: 'E' }, credentials: { password: { value: 'Pw-123456!' } } };
    nock(ORG).post('/api/v1/users', body).query({ activate: 'true', nextLogin: 'changePassword' }).reply(200, user('00uNew'));
    expect((await api.users.create(body, { activate: true, nextLogin: 'changePassword' })).id).toBe('00uNew');
  });

  it('update is a partial POST on the user', async () => {
    const { api } = setup();
    nock(ORG).post('/api/v1/users/00u1', { profile: { title: 'CTO' } }).reply(200, user('00u1'));
    expect((await api.users.update('00u1', { profile: { title: 'CTO' } })).id).toBe('00u1');
  });

  it('lifecycle posts with no body and returns {} for an empty answer', async () => {
    const { api } = setup();
    nock(ORG)
      .post('/api/v1/users/00u1/lifecycle/deactivate', (b) => b === '' || b === undefined)
      .query({ sendEmail: 'false' })
      .reply(200, '')
      .post('/api/v1/users/00u1/lifecycle/reset_password')
      .query({ sendEmail: 'false' })
      .reply(200, { resetPasswordUrl: 'https://acme.okta.com/reset/x' });
    expect(await api.users.lifecycle('00u1', 'deactivate', { sendEmail: false })).toEqual({});
    expect(await api.users.lifecycle('00u1', 'reset_password', { sendEmail: false })).toEqual({ resetPasswordUrl: 'https://acme.okta.com/reset/x' });
  });
});

describe('factors', () => {
  const poll = `${ORG}/api/v1/users/00u1/factors/opf1/transactions/mst1`;

  it('list, get, remove', async () => {
    const { api } = setup();
    nock(ORG)
      .get('/api/v1/users/00u1/factors')
      .reply(200, [{ id: 'opf1', factorType: 'push', provider: 'OKTA', status: 'ACTIVE' }])
      .get('/api/v1/users/00u1/factors/opf1')
      .reply(200, { id: 'opf1', factorType: 'push', provider: 'OKTA', status: 'ACTIVE' })
      .delete('/api/v1/users/00u1/factors/opf1')
      .reply(204);
    expect((await api.factors.list('00u1')).map((f) => f.id)).toEqual(['opf1']);
    expect((await api.factors.get('00u1', 'opf1')).factorType).toBe('push');
    await expect(api.factors.remove('00u1', 'opf1')).resolves.toBeUndefined();
  });

  it('verify (201 WAITING), poll and cancel follow Okta links on the same origin', async () => {
    const { api } = setup();
    nock(ORG)
      .post('/api/v1/users/00u1/factors/opf1/verify')
      .reply(201, { factorResult: 'WAITING', _links: { poll: { href: poll }, cancel: { href: poll } } })
      .get('/api/v1/users/00u1/factors/opf1/transactions/mst1')
      .reply(200, { factorResult: 'SUCCESS' })
      .delete('/api/v1/users/00u1/factors/opf1/transactions/mst1')
      .reply(204);
    const tx = await api.factors.verify('00u1', 'opf1');
    expect(tx.factorResult).toBe('WAITING');
    expect((await api.factors.poll(poll)).factorResult).toBe('SUCCESS');
    await expect(api.factors.cancel(poll)).resolves.toBeUndefined();
  });

  it('verify sends a passCode body', async () => {
    const { api } = setup();
    nock(ORG).post('/api/v1/users/00u1/factors/ost1/verify', { passCode: '123456' }).reply(200, { factorResult: 'SUCCESS' });
    expect((await api.factors.verify('00u1', 'ost1', { passCode: '123456' })).factorResult).toBe('SUCCESS');
  });

  it('a poll link to another host is refused', async () => {
    const { api } = setup();
    await expect(api.factors.poll('https://evil.example/api/v1/users/00u1/factors/opf1/transactions/mst1')).rejects.toMatchObject({
      kind: 'foreign-link',
    });
  });
});

describe('groups', () => {
  it('list, get, members (page 1000), ofUser (no limit param)', async () => {
    const { api } = setup();
    const group = { id: '00g1', type: 'OKTA_GROUP', profile: { name: 'Eng' } };
    nock(ORG)
      .get('/api/v1/groups')
      .query({ search: 'profile.name eq "Eng"', limit: '200' })
      .reply(200, [group])
      .get('/api/v1/groups/00g1')
      .reply(200, group)
      .get('/api/v1/groups/00g1/users')
      .query({ limit: '1000' })
      .reply(200, [user('00u1')])
      .get('/api/v1/users/00u1/groups')
      .reply(200, [group]);
    expect(await collect(api.groups.list({ search: 'profile.name eq "Eng"' }))).toEqual([group]);
    expect((await api.groups.get('00g1')).profile.name).toBe('Eng');
    expect(await collect(api.groups.members('00g1'))).toEqual([user('00u1')]);
    expect(await collect(api.groups.ofUser('00u1'))).toEqual([group]);
  });

  it('addUser PUT and removeUser DELETE expect 204', async () => {
    const { api } = setup();
    nock(ORG).put('/api/v1/groups/00g1/users/00u1').reply(204).delete('/api/v1/groups/00g1/users/00u1').reply(204);
    await expect(api.groups.addUser('00g1', '00u1')).resolves.toBeUndefined();
    await expect(api.groups.removeUser('00g1', '00u1')).resolves.toBeUndefined();
  });
});

describe('logs', () => {
  it('pages by up to 1000 and stops at the first empty page', async () => {
    const { api } = setup();
    nock(ORG)
      .get('/api/v1/logs')
      .query({ since: '2024-05-01T00:00:00.000Z', filter: 'eventType eq "user.session.start"', sortOrder: 'ASCENDING', limit: '300' })
      .reply(200, [{ uuid: 'e1' }], { Link: `<${ORG}/api/v1/logs?after=1_1&limit=300>; rel="next"` })
      .get('/api/v1/logs')
      .query({ after: '1_1', limit: '299' })
      .reply(200, [], { Link: `<${ORG}/api/v1/logs?after=1_1x&limit=299>; rel="next"` });
    const events = await collect(
      api.logs.list({ since: '2024-05-01T00:00:00.000Z', filter: 'eventType eq "user.session.start"', sortOrder: 'ASCENDING' }, { limit: 300 }),
    );
    expect(events).toEqual([{ uuid: 'e1' }]);
  });
});

describe('streaming', () => {
  it('fetches the next page only when the consumer gets there', async () => {
    const { api } = setup();
    nock(ORG).get('/api/v1/users').query({ limit: '200' }).reply(200, [user('a'), user('b')], { Link: `<${ORG}/api/v1/users?after=b&limit=200>; rel="next"` });
    const second = nock(ORG).get('/api/v1/users').query({ after: 'b', limit: '200' }).reply(200, [user('c')]);
    const iterator = api.users.list({})[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(user('a'));
    expect((await iterator.next()).value).toEqual(user('b'));
    expect(second.isDone()).toBe(false);
    expect((await iterator.next()).value).toEqual(user('c'));
    expect(second.isDone()).toBe(true);
    expect((await iterator.next()).done).toBe(true);
  });
});

