// Every command and test-module, run through the BUILT bundle (require('dist/okta.js').execute) against the
// sandbox: the exact requests that reached it, the exact entry (markdown and context), and the org's state after.
import { describe, expect, it } from 'vitest';
import type { OktaFactor, OktaGroup, OktaUser } from '../../src/okta/types';
import {
  ACCOUNT_KEY, EVENTS_KEY, EVENT_HEADERS, GROUP_KEY, accountOf, adminEventRow, failure, groupOf, groupTable, note, result, table, userTable,
} from './expected';
import { E2E_TOKEN, assertTokenAbsent, only, requestLines, runLibrary, useSandbox, type Entry } from './support';

const sb = useSandbox();

const user = (login: string): OktaUser => {
  const found = sb().controls.state.userByLogin(login);
  if (!found) throw new Error(`no sandbox user ${login}`);
  return found;
};
const group = (name: string): OktaGroup => {
  const [found, ...more] = sb().controls.state.groupByName(name);
  if (!found || more.length) throw new Error(`not exactly one sandbox group ${name}`);
  return found;
};
const factor = (login: string, type: string): OktaFactor => {
  const found = sb().controls.state.factorsOf(user(login).id).find((f) => f.factorType === type);
  if (!found) throw new Error(`no ${type} factor for ${login}`);
  return found;
};
const loginSearch = (login: string): string => `GET /api/v1/users?search=${new URLSearchParams({ q: `profile.login eq "${login}"` }).toString().slice(2)}&limit=2`;

/** Runs the command, checks the token never shows, and returns the single entry and the requests it sent. */
async function run(command: string, args: Record<string, unknown> = {}): Promise<{ entry: Entry; sent: string[] }> {
  sb().controls.clearRequests();
  const outcome = await runLibrary(sb(), command, args);
  assertTokenAbsent(E2E_TOKEN, outcome.entries, outcome.logs);
  return { entry: only(outcome), sent: requestLines(sb().controls.requests()) };
}

describe('test-module', () => {
  it('answers ok after one GET /api/v1/users/me', async () => {
    const { entry, sent } = await run('test-module');
    expect(entry).toEqual({ Type: 1, ContentsFormat: 'text', Contents: 'ok', HumanReadable: 'ok' });
    expect(sent).toEqual(['GET /api/v1/users/me']);
  });

  it('names the token as the problem when the sandbox refuses it', async () => {
    const outcome = await runLibrary(sb(), 'test-module', {}, { url: sb().url, credentials: { password: 'not-the-sandbox-token' } });
    const entry = only(outcome);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(/^Okta API error 401 E0000011: Invalid token provided \[errorId oae[\w-]+\]\nHint: check the API token/);
    assertTokenAbsent('not-the-sandbox-token', outcome.entries, outcome.logs);
  });
});

describe('user commands', () => {
  it('okta-get-user by username: one exact login search, the Account context and table', async () => {
    const jdoe = user('jdoe@example.com');
    const { entry, sent } = await run('okta-get-user', { username: 'jdoe@example.com' });
    expect(sent).toEqual([loginSearch('jdoe@example.com')]);
    expect(entry).toEqual(result(userTable('Okta user: jdoe@example.com', [jdoe]), { [ACCOUNT_KEY]: [accountOf(jdoe)] }, expect.objectContaining({ id: jdoe.id })));
    expect(accountOf(jdoe)).toMatchObject({ Username: 'jdoe@example.com', DisplayName: 'John Doe', Status: 'ACTIVE', LastLogin: '2026-03-02T10:00:00.000Z' });
  });

  it('okta-get-user by userId returns Okta\'s user as Contents; an unknown login is a note', async () => {
    const jane = user('jane.doe@example.com');
    const byId = await run('okta-get-user', { userId: jane.id });
    expect(byId.sent).toEqual([`GET /api/v1/users/${jane.id}`]);
    expect(byId.entry).toEqual(result(userTable('Okta user: jane.doe@example.com', [jane]), { [ACCOUNT_KEY]: [accountOf(jane)] }, jane));

    const missing = await run('okta-get-user', { username: 'nobody@example.com' });
    expect(missing.entry).toEqual(note("User 'nobody@example.com' was not found in Okta."));
  });

  it('okta-get-user finds a login with a slash and one with diacritics', async () => {
    for (const login of ['a/b@example.com', 'zoë.müller@example.com']) {
      const { entry, sent } = await run('okta-get-user', { username: login });
      expect(sent).toEqual([loginSearch(login)]);
      expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: [accountOf(user(login))] });
    }
  });

  it('okta-search: q with limit, both Does in the order Okta lists them', async () => {
    const { entry, sent } = await run('okta-search', { term: 'doe' });
    const does = [user('jdoe@example.com'), user('jane.doe@example.com')];
    expect(sent).toEqual(['GET /api/v1/users?q=doe&limit=200']);
    expect(entry).toEqual(result(userTable('Okta users found', does), { [ACCOUNT_KEY]: does.map(accountOf) }, expect.any(Array)));
    expect((entry.Contents as OktaUser[]).map((u) => u.id)).toEqual(does.map((u) => u.id));
  });

  it('okta-create-user: one POST with only the given attributes, activate and groupIds explicit', async () => {
    const engineering = group('Engineering');
    sb().controls.clearRequests();
    const outcome = await runLibrary(sb(), 'okta-create-user', {
      firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', login: 'ann@example.com', department: 'Research',
      password: 'Zq7-Passw0rd-2026!', activate: 'true', groupIds: engineering.id,
    });
    const posted = sb().controls.requests();
    expect(requestLines(posted)).toEqual(['POST /api/v1/users?activate=true']);
    expect(posted[0]?.body).toEqual({
      profile: { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', login: 'ann@example.com', department: 'Research' },
      credentials: { password: { value: 'Zq7-Passw0rd-2026!' } },
      groupIds: [engineering.id],
    });
    const ann = user('ann@example.com');
    expect(ann.status).toBe('ACTIVE');
    expect(only(outcome)).toEqual(result(userTable('Okta user created: ann@example.com', [ann]), { [ACCOUNT_KEY]: [accountOf(ann)] }, expect.objectContaining({ id: ann.id })));
    // The password went to Okta and nowhere else.
    assertTokenAbsent('Zq7-Passw0rd-2026!', outcome.entries, outcome.logs);
  });

  it('okta-update-user: a partial POST of the changed attributes, and what changed', async () => {
    const { entry, sent } = await run('okta-update-user', { username: 'jdoe@example.com', title: 'Staff Engineer', city: 'Cambridge' });
    const jdoe = user('jdoe@example.com');
    expect(sent).toEqual([loginSearch('jdoe@example.com'), `POST /api/v1/users/${jdoe.id}`]);
    expect(sb().controls.requests()[1]?.body).toEqual({ profile: { title: 'Staff Engineer', city: 'Cambridge' } });
    expect(jdoe.profile).toMatchObject({ title: 'Staff Engineer', city: 'Cambridge', department: 'Engineering', mobilePhone: '+1-555-0100' });
    expect(entry).toEqual(result(`${userTable('Okta user updated: jdoe@example.com', [jdoe])}\nChanged: title, city\n`, { [ACCOUNT_KEY]: [accountOf(jdoe)] }, expect.objectContaining({ id: jdoe.id })));
  });

  it('okta-set-password with temporary_password: the password, then expire_password', async () => {
    const id = user('asmith@example.com').id;
    sb().controls.clearRequests();
    const outcome = await runLibrary(sb(), 'okta-set-password', { userId: id, password: 'Fresh-Passw0rd-77!', temporary_password: 'true' });
    expect(requestLines(sb().controls.requests())).toEqual([`POST /api/v1/users/${id}`, `POST /api/v1/users/${id}/lifecycle/expire_password`]);
    expect(sb().controls.requests()[0]?.body).toEqual({ credentials: { password: { value: 'Fresh-Passw0rd-77!' } } });
    const asmith = user('asmith@example.com');
    expect(asmith.status).toBe('PASSWORD_EXPIRED');
    const readable = [
      '### Okta password set: asmith@example.com',
      `The password was changed at ${asmith.passwordChanged}.`,
      'The password is expired: asmith@example.com must choose a new one at the next sign-in.',
      userTable('', [asmith]),
    ].join('\n');
    expect(only(outcome)).toEqual(result(readable, { [ACCOUNT_KEY]: [accountOf(asmith)] }, expect.any(Array)));
    assertTokenAbsent('Fresh-Passw0rd-77!', outcome.entries, outcome.logs);
  });
});

describe('lifecycle commands', () => {
  const lifecycleTable = (title: string, id: string, login: string | undefined, status: string): string =>
    login ? table(title, ['ID', 'Username', 'Status'], [[id, login, status]]) : table(title, ['ID', 'Status'], [[id, status]]);

  it.each([
    ['okta-unlock-user', 'locked.user@example.com', 'unlock', 'unlocked', 'ACTIVE'],
    ['okta-deactivate-user', 'jane.doe@example.com', 'deactivate', 'deactivated', 'DEPROVISIONED'],
    // DEPROVISIONED, activate → PROVISIONED (Okta's status diagram), although the user still shows a password
    ['okta-activate-user', 'former.employee@example.com', 'activate', 'activated', 'PROVISIONED'],
    ['okta-suspend-user', 'jdoe@example.com', 'suspend', 'suspended', 'SUSPENDED'],
    ['okta-unsuspend-user', 'suspended.user@example.com', 'unsuspend', 'unsuspended', 'ACTIVE'],
  ])('%s by username %s: the lookup, one POST to lifecycle/%s, the new status', async (command, login, op, done, status) => {
    const id = user(login).id;
    const { entry, sent } = await run(command, { username: login });
    expect(sent).toEqual([loginSearch(login), `POST /api/v1/users/${id}/lifecycle/${op}`]);
    expect(entry).toEqual(result(lifecycleTable(`Okta user ${done}: ${login}`, id, login, status), {
      [ACCOUNT_KEY]: { ID: id, Username: login, Status: status, Type: 'Okta' },
    }, {}));
    expect(user(login).status).toBe(status);
  });

  it('okta-activate-user of a STAGED user without a password says PROVISIONED', async () => {
    const staged = user('staged.user@example.com');
    const { entry } = await run('okta-activate-user', { username: staged.profile.login });
    expect(entry.HumanReadable).toBe(lifecycleTable('Okta user activated: staged.user@example.com', staged.id, 'staged.user@example.com', 'PROVISIONED'));
    expect(user('staged.user@example.com').status).toBe('PROVISIONED');
  });

  it('okta-suspend-user by userId spends no lookup and shows the id', async () => {
    const id = user('asmith@example.com').id;
    const { entry, sent } = await run('okta-suspend-user', { userId: id });
    expect(sent).toEqual([`POST /api/v1/users/${id}/lifecycle/suspend`]);
    expect(entry).toEqual(result(lifecycleTable(`Okta user suspended: ${id}`, id, undefined, 'SUSPENDED'), { [ACCOUNT_KEY]: { ID: id, Status: 'SUSPENDED', Type: 'Okta' } }, {}));
  });

  it('a refused transition is explained from the current status and never retried', async () => {
    const { entry, sent } = await run('okta-unsuspend-user', { username: 'jdoe@example.com' });
    const id = user('jdoe@example.com').id;
    expect(sent).toEqual([loginSearch('jdoe@example.com'), `POST /api/v1/users/${id}/lifecycle/unsuspend`]);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(
      /^Failed to execute okta-unsuspend-user command\.\nError:\nokta-unsuspend-user needs a SUSPENDED user; jdoe@example\.com is ACTIVE\.\nOkta API error 40\d E00000\d\d: /,
    );
    expect(user('jdoe@example.com').status).toBe('ACTIVE');
  });
});

describe('factor commands', () => {
  it('okta-get-user-factors: the factors as a table and under Account.Factor', async () => {
    const jdoe = user('jdoe@example.com');
    const push = factor('jdoe@example.com', 'push');
    const sms = factor('jdoe@example.com', 'sms');
    const { entry, sent } = await run('okta-get-user-factors', { username: 'jdoe@example.com' });
    expect(sent).toEqual([loginSearch('jdoe@example.com'), `GET /api/v1/users/${jdoe.id}/factors`]);
    const readable = table('Factors for user: jdoe@example.com', ['ID', 'Factor Type', 'Provider', 'Status', 'Profile'], [
      [push.id, 'push', 'OKTA', 'ACTIVE', 'credentialId: jdoe@example.com<br>deviceType: SmartPhone_IPhone<br>keys: {"kty":"EC","use":"sig","kid":"default"}<br>name: John\'s iPhone<br>platform: IOS<br>version: 17.2'],
      [sms.id, 'sms', 'OKTA', 'ACTIVE', 'phoneNumber: +15555550100'],
    ]);
    const context = {
      ID: jdoe.id,
      Factor: [
        { ID: push.id, FactorType: 'push', Provider: 'OKTA', Status: 'ACTIVE', Profile: push.profile },
        { ID: sms.id, FactorType: 'sms', Provider: 'OKTA', Status: 'ACTIVE', Profile: { phoneNumber: '+15555550100' } },
      ],
    };
    expect(entry).toEqual(result(readable, { [ACCOUNT_KEY]: context }, expect.any(Array)));
  });

  it('okta-get-user-factors of a user with none is a note that empties Account.Factor', async () => {
    const { entry } = await run('okta-get-user-factors', { username: 'nofactor@example.com' });
    expect(entry).toEqual({
      ...note('No factors enrolled for user nofactor@example.com.', []),
      EntryContext: { [ACCOUNT_KEY]: { ID: user('nofactor@example.com').id, Factor: [] } },
    });
  });

  it.each([
    ['jdoe@example.com', 'SUCCESS'],
    ['asmith@example.com', 'REJECTED'],
  ])('okta-verify-push-factor for %s: sent, polled on its own link, %s', async (login, outcome) => {
    const id = user(login).id;
    const push = factor(login, 'push');
    const { entry, sent } = await run('okta-verify-push-factor', { userId: id, factorId: push.id, interval_seconds: '1', timeout_seconds: '20' });
    const transaction = new RegExp(`^GET /api/v1/users/${id}/factors/${push.id}/transactions/v2mst\\.\\w+$`);
    expect(sent.slice(0, 2)).toEqual([`GET /api/v1/users/${id}/factors/${push.id}`, `POST /api/v1/users/${id}/factors/${push.id}/verify`]);
    // The sandbox answers WAITING to the first poll and the scripted outcome to the second.
    expect(sent.slice(2)).toEqual([expect.stringMatching(transaction), expect.stringMatching(transaction)]);
    expect(entry).toEqual(result(`Verify push factor result for user ${id}: ${outcome}\n`, { [ACCOUNT_KEY]: { ID: id, VerifyPushResult: outcome } }, expect.objectContaining({ factorResult: outcome })));
  });

  it('okta-reset-factor: one DELETE, the factor is gone, the others stay', async () => {
    const jdoe = user('jdoe@example.com');
    const sms = factor('jdoe@example.com', 'sms');
    const { entry, sent } = await run('okta-reset-factor', { username: 'jdoe@example.com', factorId: sms.id });
    expect(sent).toEqual([loginSearch('jdoe@example.com'), `DELETE /api/v1/users/${jdoe.id}/factors/${sms.id}`]);
    expect(entry).toEqual(note(`Factor '${sms.id}' was removed from user jdoe@example.com; the user can enroll it again.`));
    expect(sb().controls.state.factorsOf(jdoe.id).map((f) => f.factorType)).toEqual(['push']);
  });

  it('okta-reset-factor of an unknown factor names the factor and the user', async () => {
    const { entry } = await run('okta-reset-factor', { username: 'jdoe@example.com', factorId: 'opfNOPE00000000000x1' });
    expect(entry).toEqual(failure('okta-reset-factor', "Factor 'opfNOPE00000000000x1' was not found for user jdoe@example.com."));
  });
});

describe('group commands', () => {
  it('okta-get-groups: the user\'s groups under Account.Group', async () => {
    const asmith = user('asmith@example.com');
    const groups = [group('Everyone'), group('Sales'), group('Engineering-EU')];
    const { entry, sent } = await run('okta-get-groups', { username: 'asmith@example.com' });
    expect(sent).toEqual([loginSearch('asmith@example.com'), `GET /api/v1/users/${asmith.id}/groups`]);
    expect(entry).toEqual(result(groupTable('Okta groups for user: asmith@example.com', groups), {
      [ACCOUNT_KEY]: { ID: asmith.id, Type: 'Okta', Group: groups.map(groupOf) },
    }, expect.any(Array)));
  });

  it('okta-list-groups: a prefix query lists both Engineering groups under Okta.Group', async () => {
    const groups = [group('Engineering'), group('Engineering-EU')];
    const { entry, sent } = await run('okta-list-groups', { query: 'Eng' });
    expect(sent).toEqual(['GET /api/v1/groups?q=Eng&limit=200']);
    expect(entry).toEqual(result(groupTable('Groups', groups), { [GROUP_KEY]: groups.map(groupOf) }, expect.any(Array)));
  });

  it('okta-list-groups with a filter, and with nothing matching', async () => {
    const ad = group('AD Users');
    const apps = await run('okta-list-groups', { filter: 'type eq "APP_GROUP"' });
    expect(apps.sent).toEqual([`GET /api/v1/groups?${new URLSearchParams({ filter: 'type eq "APP_GROUP"', limit: '200' })}`]);
    expect(apps.entry).toEqual(result(groupTable('Groups', [ad]), { [GROUP_KEY]: [groupOf(ad)] }, expect.any(Array)));
    const none = await run('okta-list-groups', { query: 'Nonexistent' });
    expect(none.entry).toEqual(note('No groups found', []));
  });

  it('okta-get-group-members by exact name: Engineering is not Engineering-EU', async () => {
    const engineering = group('Engineering');
    const { entry, sent } = await run('okta-get-group-members', { groupName: 'Engineering' });
    expect(sent).toEqual([
      `GET /api/v1/groups?${new URLSearchParams({ search: 'profile.name eq "Engineering"', limit: '20' })}`,
      `GET /api/v1/groups/${engineering.id}/users?limit=1000`,
    ]);
    const jdoe = user('jdoe@example.com');
    expect(entry).toEqual(result(userTable('Users for group: Engineering', [jdoe]), { [ACCOUNT_KEY]: [accountOf(jdoe)] }, expect.any(Array)));
  });

  it('okta-get-group-members refuses a name two groups share, listing both ids', async () => {
    const ids = sb().controls.state.groupByName('Contractors').map((g) => `${g.id} (OKTA_GROUP)`);
    const { entry, sent } = await run('okta-get-group-members', { groupName: 'Contractors' });
    expect(sent).toHaveLength(1);
    expect(entry).toEqual(failure('okta-get-group-members', `Several Okta groups are named 'Contractors': ${ids.join(', ')}. Use groupId instead.`));
  });

  it('okta-add-to-group by names: group and user resolved, one PUT, membership in the org', async () => {
    const engineering = group('Engineering');
    const jane = user('jane.doe@example.com');
    const { entry, sent } = await run('okta-add-to-group', { username: 'jane.doe@example.com', groupName: 'Engineering' });
    expect(sent).toEqual([
      `GET /api/v1/groups?${new URLSearchParams({ search: 'profile.name eq "Engineering"', limit: '20' })}`,
      loginSearch('jane.doe@example.com'),
      `PUT /api/v1/groups/${engineering.id}/users/${jane.id}`,
    ]);
    expect(entry).toEqual(note("User 'jane.doe@example.com' was added to group 'Engineering' (or already was a member: Okta answers the same)."));
    const members = await run('okta-get-group-members', { groupId: engineering.id });
    expect((members.entry.EntryContext?.[ACCOUNT_KEY] as Array<{ Username: string }>).map((a) => a.Username)).toEqual(['jdoe@example.com', 'jane.doe@example.com']);
  });

  it('okta-remove-from-group by ids: one DELETE and nothing else', async () => {
    const engineering = group('Engineering');
    const jdoe = user('jdoe@example.com');
    const { entry, sent } = await run('okta-remove-from-group', { userId: jdoe.id, groupId: engineering.id });
    expect(sent).toEqual([`DELETE /api/v1/groups/${engineering.id}/users/${jdoe.id}`]);
    expect(entry).toEqual(note(`User '${jdoe.id}' was removed from group '${engineering.id}' (or was not a member: Okta answers the same).`));
  });

  it('okta-add-to-group refuses an APP_GROUP before any change', async () => {
    const { entry, sent } = await run('okta-add-to-group', { username: 'jdoe@example.com', groupName: 'AD Users' });
    expect(sent).toHaveLength(1);
    expect(String(entry.Contents)).toContain("Cannot add users to group 'AD Users': it is an APP_GROUP");
  });
});

describe('System Log commands', () => {
  const since = '2026-03-02T12:00:00.000Z';

  it('okta-get-logs with a filter: the event this run caused, as Okta logged it', async () => {
    await run('okta-suspend-user', { username: 'jdoe@example.com' });
    const logged = sb().controls.state.events().filter((e) => e.eventType === 'user.lifecycle.suspend');
    expect(logged).toHaveLength(1);
    const { entry, sent } = await run('okta-get-logs', { filter: 'eventType eq "user.lifecycle.suspend"' });
    expect(sent[0]).toBe(`GET /api/v1/logs?${new URLSearchParams({ filter: 'eventType eq "user.lifecycle.suspend"', sortOrder: 'ASCENDING', limit: '100' })}`);
    const readable = table('Okta Events', EVENT_HEADERS, [adminEventRow(since, 'Suspend Okta user', ['John Doe (User)'])]);
    expect(entry).toEqual(result(readable, { [EVENTS_KEY]: logged }, logged));
  });

  it('okta-get-group-assignments since this run: exactly the two memberships it added', async () => {
    await run('okta-add-to-group', { username: 'jane.doe@example.com', groupName: 'Engineering' });
    await run('okta-add-to-group', { username: 'nofactor@example.com', groupName: 'Sales' });
    const { entry, sent } = await run('okta-get-group-assignments', { since });
    expect(sent[0]).toBe(`GET /api/v1/logs?${new URLSearchParams({ since, filter: 'eventType eq "group.user_membership.add"', sortOrder: 'ASCENDING', limit: '100' })}`);
    const logged = sb().controls.state.events().filter((e) => e.eventType === 'group.user_membership.add' && e.published === since);
    const readable = table('Group Assignment Events', EVENT_HEADERS, [
      adminEventRow(since, 'Add user to group membership', ['Jane Doe (User)', 'Engineering (UserGroup)']),
      adminEventRow(since, 'Add user to group membership', ['Nora Nofactor (User)', 'Sales (UserGroup)']),
    ]);
    expect(entry).toEqual(result(readable, { [EVENTS_KEY]: logged }, logged));
  });

  // The seeded events are fixed by the sandbox's seeded PRNG and frozen clock.
  it('okta-get-failed-logins: the first two failed sign-ins of the week', async () => {
    const { entry, sent } = await run('okta-get-failed-logins', { limit: '2' });
    expect(sent).toEqual([`GET /api/v1/logs?${new URLSearchParams({ filter: 'eventType eq "user.session.start" and outcome.result eq "FAILURE"', sortOrder: 'ASCENDING', limit: '2' })}`]);
    const logged = sb().controls.state.events().filter((e) => e.eventType === 'user.session.start' && e.outcome?.result === 'FAILURE').slice(0, 2);
    const readable = table('Failed Login Events', EVENT_HEADERS, [
      ['2026-02-23T14:56:22.950Z', 'Pat Provisioned (User)', 'provisioned.user@example.com', 'User login to Okta', 'FAILURE: INVALID_CREDENTIALS', 'WARN', 'Chrome on Windows 10 Computer', '198.51.100.23', '198.51.100.23', ''],
      ['2026-02-23T15:46:46.650Z', 'John Doe (User)', 'jdoe@example.com', 'User login to Okta', 'FAILURE: LOCKED_OUT', 'WARN', 'Unknown browser on iOS Mobile', '192.0.2.55', '192.0.2.55', ''],
    ]);
    expect(entry).toEqual(result(readable, { [EVENTS_KEY]: logged }, logged));
  });

  it('okta-get-application-assignments DESCENDING: the latest two, newest first', async () => {
    const { entry, sent } = await run('okta-get-application-assignments', { limit: '2', sortOrder: 'DESCENDING' });
    expect(sent).toEqual([`GET /api/v1/logs?${new URLSearchParams({ filter: 'eventType eq "application.user_membership.add"', sortOrder: 'DESCENDING', limit: '2' })}`]);
    const logged = sb().controls.state.events().filter((e) => e.eventType === 'application.user_membership.add').reverse().slice(0, 2);
    const readable = table('Application Assignment Events', EVENT_HEADERS, [
      ['2026-03-02T11:33:48.150Z', 'Ada Admin (User)', 'admin@example.com', 'Add user to application membership', 'SUCCESS', 'INFO', 'Unknown client', '', '198.51.100.77', 'John Doe (AppUser)<br>Slack (AppInstance)<br>John Doe (User)'],
      ['2026-03-02T03:09:51.150Z', 'Ada Admin (User)', 'admin@example.com', 'Add user to application membership', 'SUCCESS', 'INFO', 'Unknown browser on Unknown OS Unknown device', '203.0.113.99', '203.0.113.99', 'Ada Admin (AppUser)<br>GitHub Enterprise (AppInstance)<br>Ada Admin (User)'],
    ]);
    expect(entry).toEqual(result(readable, { [EVENTS_KEY]: logged }, logged));
  });

  it('okta-get-application-authentication in a bounded range', async () => {
    const range = { since: '2026-02-28T00:00:00Z', until: '2026-03-01T00:00:00Z' };
    const { entry, sent } = await run('okta-get-application-authentication', { ...range, limit: '2' });
    expect(sent).toEqual([`GET /api/v1/logs?${new URLSearchParams({ since: '2026-02-28T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z', filter: 'eventType eq "user.authentication.sso"', sortOrder: 'ASCENDING', limit: '2' })}`]);
    const inRange = (published: string): boolean => published >= '2026-02-28T00:00:00.000Z' && published < '2026-03-01T00:00:00.000Z';
    const logged = sb().controls.state.events().filter((e) => e.eventType === 'user.authentication.sso' && inRange(e.published)).slice(0, 2);
    const readable = table('Application Authentication Events', EVENT_HEADERS, [
      ['2026-02-28T05:48:31.350Z', 'Zoë Müller (User)', 'zoë.müller@example.com', 'User single sign on to app', 'SUCCESS', 'INFO', 'Safari on Mac OS X Computer', '203.0.113.10', '203.0.113.10', 'Slack (AppInstance)<br>Zoë Müller (AppUser)'],
      ['2026-02-28T06:38:55.050Z', 'Nora Nofactor (User)', 'nofactor@example.com', 'User single sign on to app', 'SUCCESS', 'INFO', 'Unknown client', '', '203.0.113.99', 'GitHub Enterprise (AppInstance)<br>Nora Nofactor (AppUser)'],
    ]);
    expect(entry).toEqual(result(readable, { [EVENTS_KEY]: logged }, logged));
  });

  it('okta-get-logs with nothing matching is a note', async () => {
    const { entry } = await run('okta-get-logs', { filter: 'eventType eq "user.lifecycle.delete.initiated"' });
    expect(entry).toEqual(note('No events found', []));
  });
});
