// The bad-input matrix, through the built bundle against the sandbox. Invalid input is an error entry that names
// the argument, and the sandbox's request log proves nothing was sent. Input that is odd but valid (quotes,
// backslashes, slashes, non-ASCII, emoji, path-traversal ids) is sent, escaped so it can only mean itself.
import { describe, expect, it } from 'vitest';
import { E2E_TOKEN, assertTokenAbsent, only, requestLines, runLibrary, useSandbox } from './support';

const sb = useSandbox();

const TEN_KB = 'x'.repeat(10 * 1024);
const ids = (n: number): string => Array.from({ length: n }, (_, i) => `00g${String(i).padStart(17, '0')}`).join(',');
const EITHER_USER = 'Either "userId" or "username" is required.';
const EITHER_GROUP = 'Either "groupId" or "groupName" is required.';
const required = (name: string): string => `Missing required argument "${name}"`;
const invalidNumber = (name: string, value: string): string => `Invalid number: "${name}"="${value}"`;
const invalidBoolean = (name: string, value: string): string => `Invalid boolean: "${name}"="${value}" (use true or false)`;
const invalidDate = (name: string, value: string): string => `Invalid date: "${name}"="${value}"`;
const tooLong = (name: string, max: number): string => `Value too long: "${name}" has 10240 characters (at most ${max})`;
const baseCreate = { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', login: 'ann@example.com' };
const LIFECYCLE = ['okta-unlock-user', 'okta-deactivate-user', 'okta-activate-user', 'okta-suspend-user', 'okta-unsuspend-user'];

/** [what is wrong, command, arguments, text the error must contain (it names the argument)] */
type Invalid = [string, string, Record<string, string>, string];

const INVALID: Invalid[] = [
  // missing required arguments
  ['no term', 'okta-search', {}, required('term')],
  ['a blank term', 'okta-search', { term: '   ' }, required('term')],
  ['no userId', 'okta-verify-push-factor', { factorId: 'opf1' }, required('userId')],
  ['no factorId', 'okta-verify-push-factor', { userId: '00u1' }, required('factorId')],
  ['no factorId', 'okta-reset-factor', { username: 'jdoe@example.com' }, required('factorId')],
  ['no password', 'okta-set-password', { username: 'jdoe@example.com' }, required('password')],
  ...(['firstName', 'lastName', 'email', 'login'] as const).map((name): Invalid => {
    const { [name]: _left, ...rest } = baseCreate;
    return [`no ${name}`, 'okta-create-user', rest, required(name)];
  }),
  // neither of two alternative arguments
  ...LIFECYCLE.map((command): Invalid => ['neither userId nor username', command, {}, EITHER_USER]),
  ['neither userId nor username', 'okta-get-user-factors', {}, EITHER_USER],
  ['neither userId nor username', 'okta-reset-factor', { factorId: 'opf1' }, EITHER_USER],
  ['neither userId nor username', 'okta-get-groups', {}, EITHER_USER],
  ['neither userId nor username', 'okta-set-password', { password: 'Xy7-Passw0rd!' }, EITHER_USER],
  ['neither userId nor username', 'okta-update-user', { title: 'CTO' }, EITHER_USER],
  ['no user at all', 'okta-get-user', { verbose: 'true' }, 'Either "userId" (or "userid") or "username" is required.'],
  ['neither user nor group', 'okta-add-to-group', {}, `${EITHER_USER}\n${EITHER_GROUP}`],
  ['no group', 'okta-add-to-group', { username: 'jdoe@example.com' }, EITHER_GROUP],
  ['no user', 'okta-remove-from-group', { groupName: 'Engineering' }, EITHER_USER],
  ['no group', 'okta-get-group-members', { verbose: 'true' }, EITHER_GROUP],
  // both of two alternatives, when they disagree or only go together
  ['userId and userid disagree', 'okta-get-user', { userId: '00uA', userid: '00uB' }, '"userId" (00uA) and "userid" (00uB) name different users'],
  ['a question without its answer', 'okta-create-user', { ...baseCreate, passwordQuestion: 'Pet?' }, '"passwordQuestion" and "passwordAnswer" go together'],
  ['an answer without its question', 'okta-update-user', { username: 'jdoe@example.com', passwordAnswer: 'Rex' }, '"passwordQuestion" and "passwordAnswer" go together'],
  ['providerName without providerType', 'okta-create-user', { ...baseCreate, providerName: 'corp-ldap' }, '"providerName" needs "providerType"'],
  ['a FEDERATION user with a password', 'okta-create-user', { ...baseCreate, providerType: 'FEDERATION', password: 'Xy7-Passw0rd!' }, 'leave out "password"'],
  ['a provider change', 'okta-update-user', { username: 'jdoe@example.com', providerType: 'LDAP' }, '"providerType" and "providerName" apply to okta-create-user only'],
  ['nothing to update', 'okta-update-user', { username: 'jdoe@example.com' }, 'Nothing to update'],
  // invalid booleans
  ['verbose=maybe', 'okta-get-user', { username: 'jdoe@example.com', verbose: 'maybe' }, invalidBoolean('verbose', 'maybe')],
  ['activate=1', 'okta-create-user', { ...baseCreate, activate: '1' }, invalidBoolean('activate', '1')],
  ['temporary_password=sometimes', 'okta-set-password', { username: 'jdoe@example.com', password: 'Xy7-Passw0rd!', temporary_password: 'sometimes' }, invalidBoolean('temporary_password', 'sometimes')],
  ['verbose=on', 'okta-get-group-members', { groupName: 'Engineering', verbose: 'on' }, invalidBoolean('verbose', 'on')],
  // invalid numbers, including limit 0, -1 and 1e9
  ['limit=abc', 'okta-search', { term: 'doe', limit: 'abc' }, invalidNumber('limit', 'abc')],
  ['limit=1.5', 'okta-search', { term: 'doe', limit: '1.5' }, invalidNumber('limit', '1.5')],
  ...(['0', '-1', '1e9'] as const).flatMap((limit): Invalid[] => [
    [`limit=${limit}`, 'okta-search', { term: 'doe', limit }, invalidNumber('limit', limit)],
    [`limit=${limit}`, 'okta-get-logs', { limit }, invalidNumber('limit', limit)],
    [`limit=${limit}`, 'okta-list-groups', { limit }, invalidNumber('limit', limit)],
    [`limit=${limit}`, 'okta-get-group-members', { groupName: 'Engineering', limit }, invalidNumber('limit', limit)],
  ]),
  ['limit=201 (q answers at most 200)', 'okta-search', { term: 'doe', limit: '201' }, `${invalidNumber('limit', '201')} (must be a whole number between 1 and 200)`],
  ['limit above the maximum', 'okta-get-failed-logins', { limit: '100001' }, `${invalidNumber('limit', '100001')} (must be a whole number between 1 and 100000)`],
  ['interval_seconds=0', 'okta-verify-push-factor', { userId: '00u1', factorId: 'opf1', interval_seconds: '0' }, invalidNumber('interval_seconds', '0')],
  ['timeout_seconds=abc', 'okta-verify-push-factor', { userId: '00u1', factorId: 'opf1', timeout_seconds: 'abc' }, invalidNumber('timeout_seconds', 'abc')],
  ['an interval longer than the timeout', 'okta-verify-push-factor', { userId: '00u1', factorId: 'opf1', interval_seconds: '10', timeout_seconds: '5' }, '"interval_seconds" (10) must not be longer than "timeout_seconds" (5)'],
  // invalid enums
  ['sortOrder=UP', 'okta-get-logs', { sortOrder: 'UP' }, 'Invalid value: "sortOrder"="UP" (expected one of ASCENDING, DESCENDING)'],
  ['sortOrder=asc', 'okta-get-failed-logins', { sortOrder: 'asc' }, 'Invalid value: "sortOrder"="asc"'],
  ['providerType=KERBEROS', 'okta-create-user', { ...baseCreate, providerType: 'KERBEROS' }, 'Invalid value: "providerType"="KERBEROS" (expected one of OKTA, ACTIVE_DIRECTORY, LDAP, FEDERATION, SOCIAL)'],
  // invalid dates, and since not before until
  ['since=garbage', 'okta-get-logs', { since: 'garbage' }, invalidDate('since', 'garbage')],
  ['until=2024-02-31', 'okta-get-logs', { until: '2024-02-31' }, invalidDate('until', '2024-02-31')],
  ['month 13', 'okta-get-group-assignments', { since: '2024-13-01T00:00:00Z' }, invalidDate('since', '2024-13-01T00:00:00Z')],
  ['since=yesterday', 'okta-get-application-assignments', { since: 'yesterday' }, invalidDate('since', 'yesterday')],
  ['since after until', 'okta-get-logs', { since: '2024-05-03T00:00:00Z', until: '2024-05-01T00:00:00Z' }, '"since" (2024-05-03T00:00:00.000Z) must be earlier than "until" (2024-05-01T00:00:00.000Z).'],
  ['since equal to until', 'okta-get-failed-logins', { since: '2024-05-01', until: '2024-05-01T00:00:00Z' }, '"since" (2024-05-01T00:00:00.000Z) must be earlier than "until"'],
  ['a future since after a past until', 'okta-get-application-authentication', { since: 'in 2 days', until: '1 day ago' }, 'must be earlier than "until"'],
  // more than 20 groupIds
  ['21 groupIds', 'okta-create-user', { ...baseCreate, groupIds: ids(21) }, 'Too many values: "groupIds" has 21 (at most 20)'],
  ['21 groupIds as a JSON array', 'okta-create-user', { ...baseCreate, groupIds: JSON.stringify(ids(21).split(',')) }, 'Too many values: "groupIds" has 21 (at most 20)'],
  // keyword limits of the System Log's q, checked before the round trip
  ['11 keywords', 'okta-get-logs', { query: 'a b c d e f g h i j k' }, '"query" has 11 keywords; Okta accepts at most 10.'],
  ['a 41-character keyword', 'okta-get-logs', { query: 'k'.repeat(41) }, '"query" has a keyword of 41 characters'],
  // 10 KB values
  ['a 10 KB term', 'okta-search', { term: TEN_KB }, tooLong('term', 2048)],
  ['a 10 KB username', 'okta-get-user', { username: TEN_KB }, tooLong('username', 2048)],
  ['a 10 KB filter', 'okta-get-logs', { filter: TEN_KB }, tooLong('filter', 4096)],
  ['a 10 KB first name', 'okta-create-user', { ...baseCreate, firstName: TEN_KB }, tooLong('firstName', 2048)],
  ['a 10 KB group name', 'okta-add-to-group', { username: 'jdoe@example.com', groupName: TEN_KB }, tooLong('groupName', 2048)],
  ['a 10 KB password', 'okta-set-password', { username: 'jdoe@example.com', password: TEN_KB }, tooLong('password', 256)],
  // unknown arguments
  ['userName for username', 'okta-get-user', { userName: 'jdoe@example.com' }, 'Unknown argument "userName" for okta-get-user. Did you mean "username"?'],
  ['a misspelt limit', 'okta-search', { term: 'doe', limt: '5' }, 'Unknown argument "limt" for okta-search. Did you mean "limit"?'],
  ['filters for filter', 'okta-get-logs', { filters: 'eventType eq "x"' }, 'Unknown argument "filters" for okta-get-logs. Did you mean "filter"?'],
  ['a made-up argument', 'okta-list-groups', { color: 'blue' }, 'Unknown argument "color" for okta-list-groups.'],
  ['a custom profile attribute', 'okta-create-user', { ...baseCreate, notValid: 'x' }, 'Unknown argument "notValid" for okta-create-user.'],
];

describe('invalid input: an error entry naming the argument, and no request', () => {
  it('has at least 60 cases', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(60);
  });

  it.each(INVALID)('%s: %s', async (_what, command, args, message) => {
    const outcome = await runLibrary(sb(), command, args);
    const entry = only(outcome);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(new RegExp(`^Failed to execute ${command} command\\.\\nError:\\n`));
    expect(String(entry.Contents)).toContain(message);
    // a 10 KB value is never echoed back whole
    expect(String(entry.Contents).length).toBeLessThan(1000);
    expect(sb().controls.requests()).toEqual([]);
    assertTokenAbsent(E2E_TOKEN, outcome.entries, outcome.logs);
  });

  it('a password is not repeated in the error about it', async () => {
    const entry = only(await runLibrary(sb(), 'okta-set-password', { username: 'jdoe@example.com', password: `Secret-${'p'.repeat(300)}` }));
    expect(String(entry.Contents)).toContain(`Value too long: "password" has 307 characters (at most 256)`);
    expect(String(entry.Contents)).not.toContain('Secret-ppp');
  });

  // '.' and '..' would be resolved away by URL parsing and call another endpoint; they are refused, unsent.
  it.each([
    ['okta-get-user', { userId: '..' }, 'userId'],
    ['okta-suspend-user', { userId: '.' }, 'userId'],
    ['okta-get-group-members', { groupId: '..' }, 'groupId'],
    ['okta-reset-factor', { userId: '00u1', factorId: '..' }, 'factorId'],
  ])('%s %j is refused before any request, naming the argument', async (command, args, name) => {
    const entry = only(await runLibrary(sb(), command, args));
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(new RegExp(`Invalid id: "${name}"="\\.\\.?" is not an Okta id$`));
    expect(sb().controls.requests()).toEqual([]);
  });
});

// ---- valid but hostile input ----------------------------------------------------------------------------------

const loginSearch = (login: string): string => `GET /api/v1/users?${new URLSearchParams({ search: `profile.login eq ${JSON.stringify(login)}`, limit: '2' })}`;

describe('odd but valid input: sent, escaped, and answered', () => {
  it.each([
    ['a double quote', 'o"brien@example.com'],
    ['a single quote', "o'neil@example.com"],
    ['a backslash', 'back\\slash@example.com'],
    ['an emoji', 'fox🦊@example.com'],
    ['an injection attempt', 'x" or profile.login sw "'],
  ])('a login with %s is searched as one exact string literal (not found: a note)', async (_what, login) => {
    const entry = only(await runLibrary(sb(), 'okta-get-user', { username: login }));
    expect(requestLines(sb().controls.requests())).toEqual([loginSearch(login)]);
    expect(sb().controls.requests()[0]?.query['search']).toBe(`profile.login eq ${JSON.stringify(login)}`);
    expect(entry).toMatchObject({ Type: 1, HumanReadable: `User '${login}' was not found in Okta.` });
  });

  it.each([['a slash', 'a/b@example.com'], ['non-ASCII letters', 'zoë.müller@example.com']])('a login with %s finds its user', async (_what, login) => {
    const entry = only(await runLibrary(sb(), 'okta-suspend-user', { username: login }));
    const id = sb().controls.state.userByLogin(login)!.id;
    expect(requestLines(sb().controls.requests())).toEqual([loginSearch(login), `POST /api/v1/users/${id}/lifecycle/suspend`]);
    expect(entry.EntryContext).toEqual({ 'Account(val.ID && val.ID === obj.ID)': { ID: id, Username: login, Status: 'SUSPENDED', Type: 'Okta' } });
  });

  it.each([
    ['okta-get-user', { userId: '../../groups' }, 'GET /api/v1/users/..%2F..%2Fgroups'],
    ['okta-get-user', { userId: '%2e%2e%2fgroups' }, 'GET /api/v1/users/%252e%252e%252fgroups'],
    ['okta-get-groups', { userId: '../../../api/v1/groups' }, 'GET /api/v1/users/..%2F..%2F..%2Fapi%2Fv1%2Fgroups/groups'],
    ['okta-get-group-members', { groupId: '00g/../../users' }, 'GET /api/v1/groups/00g%2F..%2F..%2Fusers/users?limit=1000'],
    ['okta-unlock-user', { userId: 'x/../../../logs' }, 'POST /api/v1/users/x%2F..%2F..%2F..%2Flogs/lifecycle/unlock'],
  ])('%s %j stays one path segment: %s', async (command, args, line) => {
    const entry = only(await runLibrary(sb(), command, args));
    expect(requestLines(sb().controls.requests())).toEqual([line]);
    // Okta (and the sandbox) answer 404 for such an id; the command reports it rather than reaching another endpoint.
    expect(JSON.stringify(entry)).toMatch(/not found|E0000007/i);
  });

  it('a group name with quotes is matched exactly, escaped in the search', async () => {
    const entry = only(await runLibrary(sb(), 'okta-add-to-group', { username: 'jdoe@example.com', groupName: 'Eng"ineering' }));
    expect(requestLines(sb().controls.requests())).toEqual([`GET /api/v1/groups?${new URLSearchParams({ search: 'profile.name eq "Eng\\"ineering"', limit: '20' })}`]);
    expect(entry).toMatchObject({ Type: 4, Contents: expect.stringContaining("Group 'Eng\"ineering' was not found in Okta.") });
    expect(sb().controls.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('userId and username together: userId wins and no lookup is spent', async () => {
    const id = sb().controls.state.userByLogin('jdoe@example.com')!.id;
    only(await runLibrary(sb(), 'okta-suspend-user', { userId: id, username: 'asmith@example.com' }));
    expect(requestLines(sb().controls.requests())).toEqual([`POST /api/v1/users/${id}/lifecycle/suspend`]);
    expect(sb().controls.state.userByLogin('asmith@example.com')?.status).toBe('ACTIVE');
  });

  it('exactly 20 groupIds are sent as given', async () => {
    const groups = ids(20).split(',');
    only(await runLibrary(sb(), 'okta-create-user', { ...baseCreate, groupIds: groups.join(',') }));
    const [post] = sb().controls.requests();
    expect(post).toMatchObject({ method: 'POST', path: '/api/v1/users', body: expect.objectContaining({ groupIds: groups }) });
  });

  it('a search term with quotes and a semicolon goes as one q value', async () => {
    const entry = only(await runLibrary(sb(), 'okta-search', { term: '"; drop table users; --' }));
    expect(requestLines(sb().controls.requests())).toEqual([`GET /api/v1/users?${new URLSearchParams({ q: '"; drop table users; --', limit: '200' })}`]);
    expect(entry.HumanReadable).toBe(`No users found in Okta matching '"; drop table users; --'.`);
  });
});
