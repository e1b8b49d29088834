// Group commands against a nock-mocked org: the exact requests sent, and the exact context and markdown produced.
import { describe, expect, it } from 'vitest';
import type { GroupType, OktaGroup, OktaUser } from '../okta/types';
import { ORG, okta, runOne, useNock } from '../../test/helpers/run';

useNock();

function group(id: string, name: string, type: GroupType = 'OKTA_GROUP', description: string | null = `${name} members`): OktaGroup {
  return {
    id,
    created: '2016-10-25T14:52:38.000Z',
    lastUpdated: '2016-10-25T14:52:38.000Z',
    lastMembershipUpdated: '2018-07-31T13:58:28.000Z',
    objectClass: ['okta:user_group'],
    type,
    profile: { name, description },
    _links: { users: { href: `${ORG}/api/v1/groups/${id}/users` } },
  };
}

function user(id: string, login: string, first: string | null = 'Jane', last: string | null = 'Doe'): OktaUser {
  return {
    id,
    status: 'ACTIVE',
    created: '2023-01-02T03:04:05.000Z',
    activated: null,
    statusChanged: '2023-01-02T03:04:06.000Z',
    lastLogin: null,
    lastUpdated: '2023-01-03T00:00:00.000Z',
    passwordChanged: null,
    profile: { login, email: login, firstName: first, lastName: last },
  };
}

const SALES = group('00gSALES', 'Sales');
const ENG = group('00gENG', 'Engineering', 'OKTA_GROUP', null);
const JANE = user('00uJANE', 'jane@example.com');

const ACCOUNT_KEY = 'Account(val.ID && val.ID === obj.ID)';
const GROUP_KEY = 'Okta.Group(val.ID && val.ID === obj.ID)';
const GROUP_TABLE_HEAD = '|ID|Created|Object Class|Last Updated|Last Membership Updated|Type|Name|Description|\n|---|---|---|---|---|---|---|---|\n';
const SALES_ROW = '| 00gSALES | 2016-10-25T14:52:38.000Z | okta:user_group | 2016-10-25T14:52:38.000Z | 2018-07-31T13:58:28.000Z | OKTA_GROUP | Sales | Sales members |\n';
const ENG_ROW = '| 00gENG | 2016-10-25T14:52:38.000Z | okta:user_group | 2016-10-25T14:52:38.000Z | 2018-07-31T13:58:28.000Z | OKTA_GROUP | Engineering |  |\n';

const SALES_CONTEXT = {
  ID: '00gSALES',
  Created: '2016-10-25T14:52:38.000Z',
  ObjectClass: ['okta:user_group'],
  LastUpdated: '2016-10-25T14:52:38.000Z',
  LastMembershipUpdated: '2018-07-31T13:58:28.000Z',
  Type: 'OKTA_GROUP',
  Name: 'Sales',
  Description: 'Sales members',
};
const { Description: _none, ...ENG_BASE } = { ...SALES_CONTEXT, ID: '00gENG', Name: 'Engineering' };
const ENG_CONTEXT = ENG_BASE;

const funnel = (command: string, message: string) => `Failed to execute ${command} command.\nError:\n${message}`;
const searchGroup = (name: string) => ({ search: `profile.name eq "${name}"`, limit: '20' });
const searchUser = (login: string) => ({ search: `profile.login eq "${login}"`, limit: '2' });
const nextLink = (href: string) => ({ link: `<${ORG}/api/v1/groups?limit=200>; rel="self", <${href}>; rel="next"` });

describe('okta-get-groups', () => {
  it('by userId: exactly one request, the user id as Account.ID and every group under Account.Group', async () => {
    okta().get('/api/v1/users/00uJANE/groups').reply(200, [SALES, ENG]);
    const entry = await runOne('okta-get-groups', { userId: '00uJANE' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: '00uJANE', Type: 'Okta', Group: [SALES_CONTEXT, ENG_CONTEXT] } });
    expect(entry.HumanReadable).toBe(`### Okta groups for user: 00uJANE\n${GROUP_TABLE_HEAD}${SALES_ROW}${ENG_ROW}`);
    expect(entry.Contents).toEqual([SALES, ENG]);
  });

  it('by username: one exact login lookup, then the groups; the title names the login', async () => {
    okta().get('/api/v1/users').query(searchUser('jane@example.com')).reply(200, [JANE]);
    okta().get('/api/v1/users/00uJANE/groups').reply(200, [SALES]);
    const entry = await runOne('okta-get-groups', { username: 'jane@example.com' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: '00uJANE', Type: 'Okta', Group: [SALES_CONTEXT] } });
    expect(entry.HumanReadable).toBe(`### Okta groups for user: jane@example.com\n${GROUP_TABLE_HEAD}${SALES_ROW}`);
  });

  it('userId wins over username: no lookup is made', async () => {
    okta().get('/api/v1/users/00uJANE/groups').reply(200, []);
    const entry = await runOne('okta-get-groups', { userId: '00uJANE', username: 'someone@example.com' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: '00uJANE', Type: 'Okta', Group: [] } });
    expect(entry.HumanReadable).toBe('### Okta groups for user: 00uJANE\n**No entries.**\n');
  });

  it('without a user: an error naming both arguments and no request', async () => {
    const entry = await runOne('okta-get-groups', {});
    expect(entry).toEqual({ Type: 4, ContentsFormat: 'text', Contents: funnel('okta-get-groups', 'Either "userId" or "username" is required.') });
  });

  it('an unknown login is reported as not found', async () => {
    okta().get('/api/v1/users').query(searchUser('ghost@example.com')).reply(200, []);
    const entry = await runOne('okta-get-groups', { username: 'ghost@example.com' });
    expect(entry.Contents).toBe(funnel('okta-get-groups', "User 'ghost@example.com' was not found in Okta."));
  });
});

describe('okta-list-groups', () => {
  it('writes Okta.Group with the DT key (the seed lost this context) and a table of the groups', async () => {
    okta().get('/api/v1/groups').query({ limit: '200' }).reply(200, [SALES, ENG]);
    const entry = await runOne('okta-list-groups');
    expect(entry.EntryContext).toEqual({ [GROUP_KEY]: [SALES_CONTEXT, ENG_CONTEXT] });
    expect(entry.HumanReadable).toBe(`### Groups\n${GROUP_TABLE_HEAD}${SALES_ROW}${ENG_ROW}`);
    expect(entry.HumanReadable).not.toMatch(/undefined|null|\[object Object\]/);
  });

  it.each([
    [{ query: 'San Francisco' }, { q: 'San Francisco', limit: '5' }, '/api/v1/groups?q=San%20Francisco&limit=5'],
    [{ filter: 'type eq "OKTA_GROUP"' }, { filter: 'type eq "OKTA_GROUP"', limit: '5' }, '/api/v1/groups?filter=type%20eq%20%22OKTA_GROUP%22&limit=5'],
  ])('sends %o URL-encoded exactly once', async (args, query, expected) => {
    let raw = '';
    okta()
      .get('/api/v1/groups')
      .query(query)
      .reply(function reply(uri) {
        raw = uri;
        return [200, [SALES]];
      });
    const entry = await runOne('okta-list-groups', { ...args, limit: '5' });
    expect(raw).toBe(expected);
    expect(entry.EntryContext).toEqual({ [GROUP_KEY]: [SALES_CONTEXT] });
  });

  it('refuses query and filter together before any request (Okta would answer E0000033)', async () => {
    const entry = await runOne('okta-list-groups', { query: 'Eng', filter: 'type eq "OKTA_GROUP"' });
    expect(entry).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents: 'Failed to execute okta-list-groups command.\nError:\nGive either "query" or "filter", not both: Okta cannot combine a name query with a filter.',
    });
  });

  it('pages past 200 groups: limit=250 is exactly two requests (200 + 50); the table shows 100 and says the rest are in context', async () => {
    const groups = Array.from({ length: 250 }, (_, i) => group(`00g${String(i).padStart(3, '0')}`, `Team ${i}`));
    okta().get('/api/v1/groups').query({ limit: '200' }).reply(200, groups.slice(0, 200), nextLink(`${ORG}/api/v1/groups?after=00g199&limit=200`));
    okta().get('/api/v1/groups').query({ after: '00g199', limit: '50' }).reply(200, groups.slice(200), nextLink(`${ORG}/api/v1/groups?after=00g249&limit=200`));
    const entry = await runOne('okta-list-groups', { limit: '250' });
    const context = (entry.EntryContext as Record<string, Array<{ ID: string }>>)[GROUP_KEY]!;
    expect(context.map((g) => g.ID)).toEqual(groups.map((g) => g.id));
    const lines = entry.HumanReadable!.split('\n');
    expect(lines.filter((line) => line.startsWith('| 00g'))).toHaveLength(100);
    expect(entry.HumanReadable!.endsWith('\nShowing the first 100 of 250 rows; 150 more are in context.\n')).toBe(true);
  });

  it('no groups: a note, no context', async () => {
    okta().get('/api/v1/groups').query({ q: 'zzz', limit: '200' }).reply(200, []);
    const entry = await runOne('okta-list-groups', { query: 'zzz' });
    expect(entry).toEqual({ Type: 1, ContentsFormat: 'json', Contents: [], HumanReadable: 'No groups found', ReadableContentsFormat: 'markdown' });
  });

  it.each([['0'], ['-1'], ['abc'], ['10001']])('refuses limit=%s before any request', async (limit) => {
    const entry = await runOne('okta-list-groups', { limit });
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(/^Failed to execute okta-list-groups command.\nError:\nInvalid number: "limit"=/);
  });
});

describe('okta-get-group-members', () => {
  const BOB = user('00uBOB', 'bob@example.com', 'Bob', null);
  const MEMBERS_HEAD = '|ID|Username|Display Name|Email|Status|Last Login|\n|---|---|---|---|---|---|\n';
  const JANE_ROW = '| 00uJANE | jane@example.com | Jane Doe | jane@example.com | ACTIVE |  |\n';
  const BOB_ROW = '| 00uBOB | bob@example.com | Bob | bob@example.com | ACTIVE |  |\n';
  const JANE_ACCOUNT = {
    ID: '00uJANE',
    Username: 'jane@example.com',
    DisplayName: 'Jane Doe',
    Email: 'jane@example.com',
    FirstName: 'Jane',
    LastName: 'Doe',
    Status: 'ACTIVE',
    Type: 'Okta',
    Created: '2023-01-02T03:04:05.000Z',
    StatusChanged: '2023-01-02T03:04:06.000Z',
    LastUpdated: '2023-01-03T00:00:00.000Z',
  };
  const BOB_ACCOUNT = { ...JANE_ACCOUNT, ID: '00uBOB', Username: 'bob@example.com', DisplayName: 'Bob', Email: 'bob@example.com', FirstName: 'Bob' };
  delete (BOB_ACCOUNT as Partial<typeof BOB_ACCOUNT>).LastName;

  it('by groupId: one request (pages of 1000), members as Account entries, titled with the id asked for', async () => {
    okta().get('/api/v1/groups/00gSALES/users').query({ limit: '1000' }).reply(200, [JANE, BOB]);
    const entry = await runOne('okta-get-group-members', { groupId: '00gSALES' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: [JANE_ACCOUNT, BOB_ACCOUNT] });
    expect(entry.HumanReadable).toBe(`### Users for group: 00gSALES\n${MEMBERS_HEAD}${JANE_ROW}${BOB_ROW}`);
  });

  it('by groupName: one exact-name lookup; a group whose name merely starts with it is not taken; no group is attached to members', async () => {
    okta().get('/api/v1/groups').query(searchGroup('Sales')).reply(200, [group('00gSALESEU', 'Sales-EU'), SALES]);
    okta().get('/api/v1/groups/00gSALES/users').query({ limit: '1000' }).reply(200, [JANE]);
    const entry = await runOne('okta-get-group-members', { groupName: 'Sales' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: [JANE_ACCOUNT] });
    expect(entry.HumanReadable).toBe(`### Users for group: Sales\n${MEMBERS_HEAD}${JANE_ROW}`);
  });

  it('a name that matches only in case is not taken: not found, naming the near miss, and no member request', async () => {
    okta().get('/api/v1/groups').query(searchGroup('admins')).reply(200, [group('00gA1', 'Admins')]);
    const entry = await runOne('okta-get-group-members', { groupName: 'admins' });
    expect(entry.Contents).toBe(
      funnel('okta-get-group-members', "Group 'admins' was not found in Okta. Names that differ only in case: 'Admins' 00gA1 (OKTA_GROUP)."),
    );
  });

  it('a name that two groups share exactly: an error listing their ids and types, and no member request', async () => {
    okta().get('/api/v1/groups').query(searchGroup('Admins')).reply(200, [group('00gA1', 'Admins'), group('00gA2', 'Admins', 'APP_GROUP')]);
    const entry = await runOne('okta-get-group-members', { groupName: 'Admins' });
    expect(entry.Contents).toBe(
      funnel('okta-get-group-members', "Several Okta groups are named 'Admins': 00gA1 (OKTA_GROUP), 00gA2 (APP_GROUP). Use groupId instead."),
    );
  });

  it('an unknown name: not found, and no member request', async () => {
    okta().get('/api/v1/groups').query(searchGroup('Nobody')).reply(200, []);
    const entry = await runOne('okta-get-group-members', { groupName: 'Nobody' });
    expect(entry.Contents).toBe(funnel('okta-get-group-members', "Group 'Nobody' was not found in Okta."));
  });

  it('limit=1500: pages of 1000, exactly two requests', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => user(`00u${i}`, `u${i}@example.com`));
    okta()
      .get('/api/v1/groups/00gSALES/users')
      .query({ limit: '1000' })
      .reply(200, many.slice(0, 1000), { link: `<${ORG}/api/v1/groups/00gSALES/users?limit=1000&after=00u999>; rel="next"` });
    okta().get('/api/v1/groups/00gSALES/users').query({ limit: '500', after: '00u999' }).reply(200, many.slice(1000));
    const entry = await runOne('okta-get-group-members', { groupId: '00gSALES', limit: '1500' });
    expect((entry.EntryContext as Record<string, unknown[]>)[ACCOUNT_KEY]).toHaveLength(1500);
    expect(entry.HumanReadable!.endsWith('\nShowing the first 100 of 1500 rows; 1400 more are in context.\n')).toBe(true);
  });

  it('verbose: each member as its profile and additional data tables', async () => {
    okta().get('/api/v1/groups/00gSALES/users').query({ limit: '1000' }).reply(200, [BOB]);
    const entry = await runOne('okta-get-group-members', { groupId: '00gSALES', verbose: 'true' });
    expect(entry.HumanReadable).toBe(
      [
        '## Users for group: 00gSALES\n',
        '### User: bob@example.com',
        '### Profile\n|email|firstName|login|\n|---|---|---|\n| bob@example.com | Bob | bob@example.com |\n',
        '### Additional data\n|created|id|lastUpdated|status|statusChanged|\n|---|---|---|---|---|\n| 2023-01-02T03:04:05.000Z | 00uBOB | 2023-01-03T00:00:00.000Z | ACTIVE | 2023-01-02T03:04:06.000Z |\n',
      ].join('\n'),
    );
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: [BOB_ACCOUNT] });
  });

  it('groupId wins over groupName: no lookup is made', async () => {
    okta().get('/api/v1/groups/00gSALES/users').query({ limit: '1000' }).reply(200, []);
    const entry = await runOne('okta-get-group-members', { groupId: '00gSALES', groupName: 'Something else' });
    expect(entry.EntryContext).toBeUndefined();
    expect(entry.HumanReadable).toBe('### Users for group: 00gSALES\n**No entries.**\n');
  });

  it('without a group: an error naming both arguments and no request', async () => {
    const entry = await runOne('okta-get-group-members', { limit: '3' });
    expect(entry.Contents).toBe(funnel('okta-get-group-members', 'Either "groupId" or "groupName" is required.'));
  });
});

describe.each([
  ['okta-add-to-group', 'put', 'was added to', 'add users to', '(or already was a member: Okta answers the same)'],
  ['okta-remove-from-group', 'delete', 'was removed from', 'remove users from', '(or was not a member: Okta answers the same)'],
] as const)('%s', (command, method, done, action, noop) => {
  const membership = (groupId: string, userId: string) => okta()[method](`/api/v1/groups/${groupId}/users/${userId}`);

  it('with both ids: exactly one request, and the markdown names both ids', async () => {
    membership('00gSALES', '00uJANE').reply(204);
    const entry = await runOne(command, { userId: '00uJANE', groupId: '00gSALES' });
    expect(entry).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: null,
      HumanReadable: `User '00uJANE' ${done} group '00gSALES' ${noop}.`,
      ReadableContentsFormat: 'markdown',
    });
  });

  it('with both names: one lookup each, then the change; the markdown names the login and the group name', async () => {
    okta().get('/api/v1/groups').query(searchGroup('Sales')).reply(200, [SALES]);
    okta().get('/api/v1/users').query(searchUser('jane@example.com')).reply(200, [JANE]);
    membership('00gSALES', '00uJANE').reply(204);
    const entry = await runOne(command, { username: 'jane@example.com', groupName: 'Sales' });
    expect(entry.HumanReadable).toBe(`User 'jane@example.com' ${done} group 'Sales' ${noop}.`);
  });

  it('a group name that is a prefix of another group name changes the exact group only', async () => {
    okta().get('/api/v1/groups').query(searchGroup('Sales')).reply(200, [SALES, group('00gSALESEU', 'Sales-EU')]);
    membership('00gSALES', '00uJANE').reply(204);
    const entry = await runOne(command, { userId: '00uJANE', groupName: 'Sales' });
    expect(entry.HumanReadable).toBe(`User '00uJANE' ${done} group 'Sales' ${noop}.`);
  });

  it('a name that two groups share exactly: an error listing both, and no user lookup or change', async () => {
    okta().get('/api/v1/groups').query(searchGroup('Admins')).reply(200, [group('00gA1', 'Admins'), group('00gA2', 'Admins', 'BUILT_IN')]);
    const entry = await runOne(command, { username: 'jane@example.com', groupName: 'Admins' });
    expect(entry.Contents).toBe(funnel(command, "Several Okta groups are named 'Admins': 00gA1 (OKTA_GROUP), 00gA2 (BUILT_IN). Use groupId instead."));
  });

  it.each([
    ['APP_GROUP', `Cannot ${action} group 'AD Users': it is an APP_GROUP, whose membership is managed by the application it is imported from (for example Active Directory), not in Okta. Change it there. Only OKTA_GROUP memberships can be changed.`],
    ['BUILT_IN', `Cannot ${action} group 'AD Users': it is a BUILT_IN group (such as Everyone), whose membership Okta manages itself. Only OKTA_GROUP memberships can be changed.`],
  ] as const)('a %s found by name is refused before the user lookup and before any change', async (type, message) => {
    okta().get('/api/v1/groups').query(searchGroup('AD Users')).reply(200, [group('00gAD', 'AD Users', type)]);
    const entry = await runOne(command, { username: 'jane@example.com', groupName: 'AD Users' });
    expect(entry.Contents).toBe(funnel(command, message));
  });

  it("given only a groupId, Okta's 403 E0000006 becomes the managed-elsewhere message, with Okta's error kept", async () => {
    membership('00gAD', '00uJANE').reply(403, {
      errorCode: 'E0000006',
      errorSummary: 'You do not have permission to perform the requested action',
      errorId: 'oae403',
      errorCauses: [],
    });
    const entry = await runOne(command, { userId: '00uJANE', groupId: '00gAD' });
    const text = String(entry.Contents);
    expect(text.startsWith(funnel(command, `Okta refused to ${action} group '00gAD' (E0000006). If it is an APP_GROUP,`))).toBe(true);
    expect(text).toContain("If it is an OKTA_GROUP, the API token's admin lacks the permission to manage it.\nOkta API error 403 E0000006: You do not have permission to perform the requested action [errorId oae403]");
  });

  it("given only a groupId, Okta's E0000060 (Everyone) becomes the BUILT_IN message", async () => {
    membership('00gEVERYONE', '00uJANE').reply(501, { errorCode: 'E0000060', errorSummary: 'Unsupported operation.', errorId: 'oae501', errorCauses: [] });
    const entry = await runOne(command, { userId: '00uJANE', groupId: '00gEVERYONE' });
    expect(entry.Contents).toBe(
      funnel(
        command,
        `Cannot ${action} group '00gEVERYONE': it is a BUILT_IN group (such as Everyone), whose membership Okta manages itself. Only OKTA_GROUP memberships can be changed.\nOkta API error 501 E0000060: Unsupported operation. [errorId oae501]`,
      ),
    );
  });

  it('other Okta errors pass through unchanged (404 for an unknown user)', async () => {
    membership('00gSALES', '00uNOPE').reply(404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00uNOPE (User)', errorId: 'oae404', errorCauses: [] });
    const entry = await runOne(command, { userId: '00uNOPE', groupId: '00gSALES' });
    expect(entry.Contents).toBe(funnel(command, 'Okta API error 404 E0000007: Not found: Resource not found: 00uNOPE (User) [errorId oae404]'));
  });

  it.each([
    [{ groupId: '00gSALES' }, 'Either "userId" or "username" is required.'],
    [{ username: 'jane@example.com' }, 'Either "groupId" or "groupName" is required.'],
    [{}, 'Either "userId" or "username" is required.\nEither "groupId" or "groupName" is required.'],
  ])('names what is missing (%o) and sends nothing', async (args, message) => {
    const entry = await runOne(command, args);
    expect(entry.Contents).toBe(funnel(command, message));
  });
});
