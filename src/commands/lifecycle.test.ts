// The five lifecycle commands against nock: each calls its own /lifecycle/<op> endpoint (anchor §5.15), by id with
// exactly one request and by username with the search plus the POST; a refused transition names the current
// status and what the command needs, and the POST is never sent twice.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_DT, JDOE_ID, STAGED_ID, oktaError, oktaUser, stagedUser, failedEntry, loginSearch, runClean } from '../../test/fixtures/okta-users';
import { okta, useNock } from '../../test/helpers/run';

const lifecyclePath = (id: string, op: string) => `/api/v1/users/${encodeURIComponent(id)}/lifecycle/${op}`;

/** The POST of a lifecycle call: no body, Content-Length 0, no query string. */
const expectLifecycle = (id: string, op: string) => okta().post(lifecyclePath(id, op), '').matchHeader('content-length', '0');

const CASES = [
  { command: 'okta-unlock-user', op: 'unlock', done: 'unlocked', before: 'LOCKED_OUT', after: 'ACTIVE' },
  { command: 'okta-deactivate-user', op: 'deactivate', done: 'deactivated', before: 'ACTIVE', after: 'DEPROVISIONED' },
  { command: 'okta-suspend-user', op: 'suspend', done: 'suspended', before: 'ACTIVE', after: 'SUSPENDED' },
  { command: 'okta-unsuspend-user', op: 'unsuspend', done: 'unsuspended', before: 'SUSPENDED', after: 'ACTIVE' },
  { command: 'okta-activate-user', op: 'activate', done: 'activated', before: 'STAGED', after: 'ACTIVE' },
] as const;

describe('lifecycle commands', () => {
  useNock();

  it.each(CASES)('$command by username: search, then POST /lifecycle/$op; the status after is $after', async ({ command, op, done, before, after }) => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser({ status: before })]);
    expectLifecycle(JDOE_ID, op).reply(200, {});
    expect(await runClean(command, { username: 'jdoe@example.com' })).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: {},
      HumanReadable: `### Okta user ${done}: jdoe@example.com\n|ID|Username|Status|\n|---|---|---|\n| ${JDOE_ID} | jdoe@example.com | ${after} |\n`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: { ID: JDOE_ID, Username: 'jdoe@example.com', Status: after, Type: 'Okta' } },
    });
  });

  it.each(CASES.filter((c) => c.op !== 'activate'))('$command by userId: exactly one request, the POST', async ({ command, op, done, after }) => {
    expectLifecycle(JDOE_ID, op).reply(200, {});
    expect(await runClean(command, { userId: JDOE_ID })).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: {},
      HumanReadable: `### Okta user ${done}: ${JDOE_ID}\n|ID|Status|\n|---|---|\n| ${JDOE_ID} | ${after} |\n`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: { ID: JDOE_ID, Status: after, Type: 'Okta' } },
    });
  });

  it.each(CASES)('$command prefers userId over username and makes no lookup', async ({ command, op }) => {
    expectLifecycle(JDOE_ID, op).reply(200, {});
    const entry = await runClean(command, { userId: JDOE_ID, username: 'someone.else@example.com' });
    expect(entry.Type).toBe(1);
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: expect.objectContaining({ ID: JDOE_ID }) });
  });

  it.each(CASES)('$command needs a user and sends nothing without one', async ({ command }) => {
    expect(await runClean(command, {})).toEqual(failedEntry(command, 'Either "userId" or "username" is required.'));
  });

  it.each(CASES)('$command reports an unknown login without calling the lifecycle endpoint', async ({ command }) => {
    okta().get('/api/v1/users').query(loginSearch('nobody@example.com')).reply(200, []);
    expect(await runClean(command, { username: 'nobody@example.com' })).toEqual(failedEntry(command, "User 'nobody@example.com' was not found in Okta."));
  });

  it.each([
    ['a double quote', 'o"brien@example.com'],
    ['a backslash', 'corp\\jdoe'],
    ['a slash', 'team/jdoe@example.com'],
    ['non-ASCII letters', 'zoë.ångström@example.com'],
  ])('unlocks a username with %s, found by the escaped search and never placed in the path', async (_case, login) => {
    okta().get('/api/v1/users').query(loginSearch(login)).reply(200, [oktaUser({ status: 'LOCKED_OUT', profile: { login } })]);
    expectLifecycle(JDOE_ID, 'unlock').reply(200, {});
    const entry = await runClean('okta-unlock-user', { username: login });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: { ID: JDOE_ID, Username: login, Status: 'ACTIVE', Type: 'Okta' } });
  });

  it('encodes an id as one path segment', async () => {
    expectLifecycle('a/b', 'suspend').reply(200, {});
    expect((await runClean('okta-suspend-user', { userId: 'a/b' })).EntryContext).toEqual({ [ACCOUNT_DT]: { ID: 'a/b', Status: 'SUSPENDED', Type: 'Okta' } });
  });
});

describe('okta-activate-user: the status after depends on the password', () => {
  useNock();

  it('a user without a password becomes PROVISIONED', async () => {
    okta().get('/api/v1/users').query(loginSearch('new.hire@example.com')).reply(200, [stagedUser()]);
    expectLifecycle(STAGED_ID, 'activate').reply(200, {});
    const entry = await runClean('okta-activate-user', { username: 'new.hire@example.com' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: { ID: STAGED_ID, Username: 'new.hire@example.com', Status: 'PROVISIONED', Type: 'Okta' } });
  });

  it('a user with a password becomes ACTIVE', async () => {
    okta().get('/api/v1/users').query(loginSearch('new.hire@example.com')).reply(200, [stagedUser('new.hire@example.com', true)]);
    expectLifecycle(STAGED_ID, 'activate').reply(200, {});
    const entry = await runClean('okta-activate-user', { username: 'new.hire@example.com' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: { ID: STAGED_ID, Username: 'new.hire@example.com', Status: 'ACTIVE', Type: 'Okta' } });
  });

  it('by id the status is not known, and the output says so instead of guessing', async () => {
    expectLifecycle(STAGED_ID, 'activate').reply(200, {});
    expect(await runClean('okta-activate-user', { userId: STAGED_ID })).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: {},
      HumanReadable: `### Okta user activated: ${STAGED_ID}\n|ID|\n|---|\n| ${STAGED_ID} |\n\n` +
        'Okta is activating the user: the status becomes ACTIVE if the user has a password, otherwise PROVISIONED until the user completes activation.\n',
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: { ID: STAGED_ID, Type: 'Okta' } },
    });
  });
});

describe('refused transitions', () => {
  useNock();
  const okta403 = (code: string, summary: string, causes: string[] = []) => oktaError(code, summary, causes);

  it('activate of an ACTIVE user (E0000016) names the status; by username no extra request', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    expectLifecycle(JDOE_ID, 'activate').reply(403, okta403('E0000016', 'Activation failed because the user is already active'));
    expect(await runClean('okta-activate-user', { username: 'jdoe@example.com' })).toEqual(failedEntry('okta-activate-user',
      'okta-activate-user needs a STAGED or DEPROVISIONED user; jdoe@example.com is ACTIVE.\n' +
      'Okta API error 403 E0000016: Activation failed because the user is already active [errorId oaeTestErrorId0001]'));
  });

  it('unlock of a user who is not locked (E0000032) by id: one GET to learn the status, no second POST', async () => {
    expectLifecycle(JDOE_ID, 'unlock').once().reply(403, okta403('E0000032', 'Unlock is not allowed for this user.', ['The user is not locked out.']));
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(200, oktaUser());
    expect(await runClean('okta-unlock-user', { userId: JDOE_ID })).toEqual(failedEntry('okta-unlock-user',
      'okta-unlock-user needs a LOCKED_OUT user; jdoe@example.com is ACTIVE.\n' +
      'Okta API error 403 E0000032: Unlock is not allowed for this user. [errorId oaeTestErrorId0001]\nCause: The user is not locked out.'));
  });

  it('suspend of a SUSPENDED user (400 E0000001)', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser({ status: 'SUSPENDED' })]);
    expectLifecycle(JDOE_ID, 'suspend').reply(400, oktaError('E0000001', 'Api validation failed: suspendUser', ['Cannot suspend a user that is not active']));
    expect(await runClean('okta-suspend-user', { username: 'jdoe@example.com' })).toEqual(failedEntry('okta-suspend-user',
      'okta-suspend-user needs an ACTIVE user; jdoe@example.com is SUSPENDED.\n' +
      'Okta API error 400 E0000001: Api validation failed: suspendUser [errorId oaeTestErrorId0001]\nCause: Cannot suspend a user that is not active'));
  });

  it('unsuspend of an ACTIVE user (400 E0000001)', async () => {
    expectLifecycle(JDOE_ID, 'unsuspend').reply(400, oktaError('E0000001', 'Api validation failed: unsuspendUser', ['Cannot unsuspend a user that is not suspended']));
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(200, oktaUser());
    const entry = await runClean('okta-unsuspend-user', { userId: JDOE_ID });
    expect(entry.Contents).toBe('Failed to execute okta-unsuspend-user command.\nError:\n' +
      'okta-unsuspend-user needs a SUSPENDED user; jdoe@example.com is ACTIVE.\n' +
      'Okta API error 400 E0000001: Api validation failed: unsuspendUser [errorId oaeTestErrorId0001]\nCause: Cannot unsuspend a user that is not suspended');
  });

  it('deactivate of a DEPROVISIONED user (E0000038)', async () => {
    okta().get('/api/v1/users').query(loginSearch('former@example.com')).reply(200, [oktaUser({ status: 'DEPROVISIONED', profile: { login: 'former@example.com' } })]);
    expectLifecycle(JDOE_ID, 'deactivate').reply(403, okta403('E0000038', "This operation is not allowed in the user's current status."));
    expect((await runClean('okta-deactivate-user', { username: 'former@example.com' })).Contents).toContain(
      '\nokta-deactivate-user needs a user who is not DEPROVISIONED yet; former@example.com is DEPROVISIONED.\n');
  });

  it('a refusal although the status looks right says that Okta refused, with its reason', async () => {
    okta().get('/api/v1/users').query(loginSearch('ad.user@example.com')).reply(200, [oktaUser({ status: 'LOCKED_OUT', profile: { login: 'ad.user@example.com' } })]);
    expectLifecycle(JDOE_ID, 'unlock').reply(403, okta403('E0000032', 'Unlock is not allowed for this user.'));
    expect((await runClean('okta-unlock-user', { username: 'ad.user@example.com' })).Contents).toBe(
      'Failed to execute okta-unlock-user command.\nError:\nOkta refused to unlock ad.user@example.com (status LOCKED_OUT).\n' +
      'Okta API error 403 E0000032: Unlock is not allowed for this user. [errorId oaeTestErrorId0001]');
  });

  it('when the status cannot be read either, the refusal still reads plainly', async () => {
    expectLifecycle(JDOE_ID, 'suspend').reply(400, oktaError('E0000001', 'Api validation failed: suspendUser'));
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(403, okta403('E0000006', 'You do not have permission to perform the requested action'));
    expect((await runClean('okta-suspend-user', { userId: JDOE_ID })).Contents).toBe(
      `Failed to execute okta-suspend-user command.\nError:\nOkta refused to suspend ${JDOE_ID}.\n` +
      'Okta API error 400 E0000001: Api validation failed: suspendUser [errorId oaeTestErrorId0001]');
  });

  it('other errors pass through unchanged, with no extra request', async () => {
    expectLifecycle(JDOE_ID, 'deactivate').reply(404, oktaError('E0000007', `Not found: Resource not found: ${JDOE_ID} (User)`));
    expect(await runClean('okta-deactivate-user', { userId: JDOE_ID })).toEqual(failedEntry('okta-deactivate-user',
      `Okta API error 404 E0000007: Not found: Resource not found: ${JDOE_ID} (User) [errorId oaeTestErrorId0001]`));
  });

  it('a 503 on the POST is not retried', async () => {
    expectLifecycle(JDOE_ID, 'suspend').once().reply(503, oktaError('E0000009', 'Internal Server Error'));
    const entry = await runClean('okta-suspend-user', { userId: JDOE_ID });
    expect(entry.Type).toBe(4);
    expect(entry.Contents).toContain('Okta API error 503 E0000009: Internal Server Error');
  });
});
