// okta-get-user, okta-search, okta-create-user, okta-update-user, okta-set-password through the real dispatcher
// against nock: the exact requests (method, path, query, body), the exact context and the exact markdown.
// Every interceptor must be used (useNock), and an unmocked request fails with a connection error, so a test
// that expects a usage error also proves that nothing was sent.
import { describe, expect, it } from 'vitest';
import { manifestCommand } from '../runtime/manifest';
import { ACCOUNT_DT, JDOE_ACCOUNT, JDOE_ID, STAGED_ID, oktaError, oktaUser, stagedUser, failedEntry, loginSearch, runClean } from '../../test/fixtures/okta-users';
import { okta, run, useNock } from '../../test/helpers/run';
import { factorsCommands } from './factors';
import { lifecycleCommands } from './lifecycle';
import { usersCommands } from './users';


const JDOE_TABLE_ROW = `| ${JDOE_ID} | jdoe@example.com | John Doe | jdoe@example.com | ACTIVE | 2024-05-06T07:08:09.000Z |`;
const USER_TABLE_HEAD = '|ID|Username|Display Name|Email|Status|Last Login|\n|---|---|---|---|---|---|';

const JDOE_VERBOSE = [
  '### User: jdoe@example.com',
  '### Profile',
  '|email|firstName|lastName|login|manager|',
  '|---|---|---|---|---|',
  '| jdoe@example.com | John | Doe | jdoe@example.com | Ada Admin |',
  '',
  '### Additional data',
  '|activated|created|id|lastLogin|lastUpdated|passwordChanged|provider|status|statusChanged|type|',
  '|---|---|---|---|---|---|---|---|---|---|',
  `| 2024-01-02T03:05:00.000Z | 2024-01-02T03:04:05.000Z | ${JDOE_ID} | 2024-05-06T07:08:09.000Z | 2024-05-01T00:00:00.000Z | 2024-01-02T03:05:00.000Z | OKTA (OKTA) | ACTIVE | 2024-01-02T03:05:00.000Z | id: oty1default000000001 |`,
  '',
].join('\n');

describe('argument contract of the 13 user, lifecycle and factor commands', () => {
  const mine = [...usersCommands, ...lifecycleCommands, ...factorsCommands];

  it('covers exactly these commands', () => {
    expect(mine.map((command) => command.name).sort()).toEqual([
      'okta-activate-user', 'okta-create-user', 'okta-deactivate-user', 'okta-get-user', 'okta-get-user-factors',
      'okta-reset-factor', 'okta-search', 'okta-set-password', 'okta-suspend-user', 'okta-unlock-user',
      'okta-unsuspend-user', 'okta-update-user', 'okta-verify-push-factor',
    ]);
  });

  it.each(mine.map((command) => [command.name, command] as const))('%s declares the arguments of integration.yml, no more, no less', (name, command) => {
    const declared = manifestCommand(name)?.arguments ?? [];
    const shape = (spec: { required: boolean; defaultValue?: string; kind: string; values?: readonly string[] }) => ({
      required: spec.required,
      defaultValue: spec.defaultValue,
      secret: spec.kind === 'secret',
      predefined: spec.kind === 'boolean' ? ['true', 'false'] : spec.values,
    });
    const fromYml = Object.fromEntries(declared.map((arg) => [arg.name, {
      required: arg.required ?? false, defaultValue: arg.defaultValue, secret: arg.secret ?? false, predefined: arg.predefined,
    }]));
    const fromCode = Object.fromEntries(Object.entries(command.args).map(([arg, spec]) => [arg, shape(spec)]));
    // integration.yml lists predefined values only where it offers a picker; booleans without one are fine.
    for (const [arg, spec] of Object.entries(fromCode)) if (fromYml[arg]?.predefined === undefined) spec.predefined = undefined;
    expect(fromCode).toEqual(fromYml);
  });
});

describe('okta-get-user', () => {
  useNock();

  it('finds a username with the exact login search and writes the Account projection', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    const entry = await runClean('okta-get-user', { username: 'jdoe@example.com' });
    expect(entry).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: oktaUser(),
      HumanReadable: `### Okta user: jdoe@example.com\n${USER_TABLE_HEAD}\n${JDOE_TABLE_ROW}\n`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: [JDOE_ACCOUNT] },
    });
  });

  it.each([
    ['a double quote', 'o"brien@example.com', 'profile.login eq "o\\"brien@example.com"'],
    ['a backslash', 'corp\\jdoe', 'profile.login eq "corp\\\\jdoe"'],
    ['a slash (never put in the path)', 'team/jdoe@example.com', 'profile.login eq "team/jdoe@example.com"'],
    ['non-ASCII letters', 'zoë.ångström@example.com', 'profile.login eq "zoë.ångström@example.com"'],
  ])('escapes a username with %s inside the search expression', async (_case, login, search) => {
    const user = oktaUser({ profile: { login, email: 'x@example.com' } });
    okta().get('/api/v1/users').query({ search, limit: '2' }).reply(200, [user]);
    const entry = await runClean('okta-get-user', { username: login });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [expect.objectContaining({ ID: JDOE_ID, Username: login })] });
  });

  it('gets a user by userId with one GET and no search', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(200, oktaUser());
    const entry = await runClean('okta-get-user', { userId: JDOE_ID });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [JDOE_ACCOUNT] });
  });

  it('accepts the original spelling userid', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(200, oktaUser());
    const entry = await runClean('okta-get-user', { userid: JDOE_ID });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [JDOE_ACCOUNT] });
  });

  it('prefers userId over username and makes no lookup', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(200, oktaUser());
    const entry = await runClean('okta-get-user', { userId: JDOE_ID, username: 'someone.else@example.com' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [JDOE_ACCOUNT] });
  });

  it('encodes an id as one path segment', async () => {
    let sentPath = '';
    okta()
      .get((uri) => ((sentPath = uri), uri.startsWith('/api/v1/users/')))
      .reply(404, oktaError('E0000007', 'Not found: Resource not found: ../groups (User)'));
    const entry = await runClean('okta-get-user', { userId: '../groups' });
    expect(sentPath).toBe('/api/v1/users/..%2Fgroups');
    expect(entry.HumanReadable).toBe("User '../groups' was not found in Okta.");
  });

  it('reports a 404 by id as a readable note without context (anchor §5.4)', async () => {
    okta().get('/api/v1/users/00uMissing').reply(404, oktaError('E0000007', 'Not found: Resource not found: 00uMissing (User)'));
    expect(await runClean('okta-get-user', { userId: '00uMissing' })).toEqual({
      Type: 1, ContentsFormat: 'json', Contents: null, HumanReadable: "User '00uMissing' was not found in Okta.", ReadableContentsFormat: 'markdown',
    });
  });

  it('reports a login that matches nobody as a readable note without context', async () => {
    okta().get('/api/v1/users').query(loginSearch('test@this.com')).reply(200, []);
    expect(await runClean('okta-get-user', { username: 'test@this.com' })).toEqual({
      Type: 1, ContentsFormat: 'json', Contents: null, HumanReadable: "User 'test@this.com' was not found in Okta.", ReadableContentsFormat: 'markdown',
    });
  });

  it('lists the candidates when a login matches several users', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe')).reply(200, [oktaUser(), oktaUser({ id: '00u9other0000000000x9' })]);
    expect(await runClean('okta-get-user', { username: 'jdoe' })).toEqual(failedEntry('okta-get-user',
      `Several Okta users match the login 'jdoe': ${JDOE_ID} (jdoe@example.com), 00u9other0000000000x9 (jdoe@example.com). Use userId instead.`));
  });

  it('still fails on errors other than not found', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(403, oktaError('E0000006', 'You do not have permission to perform the requested action'));
    const entry = await runClean('okta-get-user', { userId: JDOE_ID });
    expect(entry.Type).toBe(4);
    expect(entry.Contents).toContain('Okta API error 403 E0000006: You do not have permission to perform the requested action [errorId oaeTestErrorId0001]');
  });

  it('needs a user and sends nothing without one', async () => {
    expect(await runClean('okta-get-user', {})).toEqual(failedEntry('okta-get-user', 'Either "userId" (or "userid") or "username" is required.'));
  });

  it('refuses userId and userid that disagree, before any request', async () => {
    expect(await runClean('okta-get-user', { userId: '00uA', userid: '00uB' })).toEqual(
      failedEntry('okta-get-user', '"userId" (00uA) and "userid" (00uB) name different users; give only one of them.'));
  });

  it('shows the full profile and the other fields as tables with verbose=true', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}`).reply(200, oktaUser());
    const entry = await runClean('okta-get-user', { userId: JDOE_ID, verbose: 'true' });
    expect(entry.HumanReadable).toBe(JDOE_VERBOSE);
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [JDOE_ACCOUNT] });
  });
});

describe('okta-search', () => {
  useNock();
  const asmith = oktaUser({
    id: '00u3asmith00000000x3', lastLogin: null,
    profile: { login: 'asmith@example.com', email: 'asmith@example.com', firstName: 'Alice', lastName: null },
  });

  it('sends the term as q with the default limit 200 and lists every user found', async () => {
    okta().get('/api/v1/users').query({ q: 'Jo Smith', limit: '200' }).reply(200, [oktaUser(), asmith]);
    const entry = await runClean('okta-search', { term: 'Jo Smith' });
    expect(entry.HumanReadable).toBe(
      `### Okta users found\n${USER_TABLE_HEAD}\n${JDOE_TABLE_ROW}\n| 00u3asmith00000000x3 | asmith@example.com | Alice | asmith@example.com | ACTIVE |  |\n`);
    expect(entry.EntryContext).toEqual({
      [ACCOUNT_DT]: [JDOE_ACCOUNT, {
        ID: '00u3asmith00000000x3', Username: 'asmith@example.com', DisplayName: 'Alice', Email: 'asmith@example.com', FirstName: 'Alice',
        Status: 'ACTIVE', Type: 'Okta', Created: '2024-01-02T03:04:05.000Z', Activated: '2024-01-02T03:05:00.000Z',
        StatusChanged: '2024-01-02T03:05:00.000Z', LastUpdated: '2024-05-01T00:00:00.000Z', PasswordChanged: '2024-01-02T03:05:00.000Z',
      }],
    });
    expect(entry.Contents).toEqual([oktaUser(), asmith]);
  });

  it('passes the limit through', async () => {
    okta().get('/api/v1/users').query({ q: 'jo', limit: '5' }).reply(200, [oktaUser()]);
    const entry = await runClean('okta-search', { term: 'jo', limit: '5' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [JDOE_ACCOUNT] });
  });

  it('says so plainly when nobody matches', async () => {
    okta().get('/api/v1/users').query({ q: 'zzz', limit: '200' }).reply(200, []);
    expect(await runClean('okta-search', { term: 'zzz' })).toEqual({
      Type: 1, ContentsFormat: 'json', Contents: [], HumanReadable: "No users found in Okta matching 'zzz'.", ReadableContentsFormat: 'markdown',
    });
  });

  it('shows every attribute with verbose=true', async () => {
    okta().get('/api/v1/users').query({ q: 'john', limit: '200' }).reply(200, [oktaUser()]);
    expect((await runClean('okta-search', { term: 'john', verbose: 'true' })).HumanReadable).toBe(JDOE_VERBOSE);
  });

  it('refuses a limit Okta cannot serve and a missing term, before any request', async () => {
    expect(await runClean('okta-search', { term: 'jo', limit: '500' })).toEqual(
      failedEntry('okta-search', 'Invalid number: "limit"="500" (must be a whole number between 1 and 200)'));
    expect(await runClean('okta-search', {})).toEqual(failedEntry('okta-search', 'Missing required argument "term"'));
  });
});

describe('okta-create-user', () => {
  useNock();
  const required = { firstName: 'Nia', lastName: 'Hire', email: 'new.hire@example.com', login: 'new.hire@example.com' };
  const STAGED_ACCOUNT = {
    ID: STAGED_ID, Username: 'new.hire@example.com', DisplayName: 'Nia Hire', Email: 'new.hire@example.com', FirstName: 'Nia',
    LastName: 'Hire', Status: 'STAGED', Type: 'Okta', Created: '2024-06-01T10:00:00.000Z', LastUpdated: '2024-06-01T10:00:00.000Z',
  };

  it('creates a STAGED user from the required profile only, with activate=false sent explicitly', async () => {
    okta().post('/api/v1/users', { profile: required }).query({ activate: 'false' }).reply(200, stagedUser());
    expect(await runClean('okta-create-user', required)).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: stagedUser(),
      HumanReadable: `### Okta user created: new.hire@example.com\n${USER_TABLE_HEAD}\n| ${STAGED_ID} | new.hire@example.com | Nia Hire | new.hire@example.com | STAGED |  |\n`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: [STAGED_ACCOUNT] },
    });
  });

  it('sends every profile argument, the password, the recovery question and the groups', async () => {
    const profile = {
      ...required, secondEmail: 'nia@home.example', middleName: 'Q', honorificPrefix: 'Dr', honorificSuffix: 'PhD', title: 'Engineer',
      displayName: 'Nia H.', nickName: 'Ni', profileUrl: 'https://example.com/nia', primaryPhone: '+1-555-0101', mobilePhone: '+1-555-0102',
      streetAddress: '1 Main St', city: 'Boston', state: 'MA', zipCode: '02110', countryCode: 'US', postalAddress: 'PO Box 1',
      preferredLanguage: 'en-US', locale: 'en_US', timezone: 'America/New_York', userType: 'Employee', employeeNumber: 'E-42',
      costCenter: 'CC-7', organization: 'Acme', division: 'R&D', department: 'Platform', managerId: '00u1boss', manager: 'Ada Admin',
    };
    const password = 'Corr3ct-Horse-Battery';
    okta()
      .post('/api/v1/users', {
        profile,
        credentials: { password: { value: password }, recovery_question: { question: 'First pet?', answer: 'Rex the dog' } },
        groupIds: ['00g1eng', '00g2all'],
      })
      .query({ activate: 'true' })
      .reply(200, oktaUser({ id: STAGED_ID, profile: { ...profile } }));
    const entry = await runClean('okta-create-user', {
      ...profile, password, passwordQuestion: 'First pet?', passwordAnswer: 'Rex the dog', groupIds: '00g1eng, 00g2all', activate: 'true',
    });
    expect(entry.Type).toBe(1);
    const text = JSON.stringify(entry);
    // Neither secret is echoed, and nothing needed masking: the command never put them in its output.
    expect(text).not.toContain(password);
    expect(text).not.toContain('Rex the dog');
    expect(text).not.toContain('<redacted>');
  });

  it('creates a FEDERATION user with provider=true and the provider credentials', async () => {
    okta()
      .post('/api/v1/users', { profile: required, credentials: { provider: { type: 'FEDERATION', name: 'corp-idp' } } })
      .query({ activate: 'true', provider: 'true' })
      .reply(200, stagedUser());
    const entry = await runClean('okta-create-user', { ...required, providerType: 'federation', providerName: 'corp-idp', activate: 'true' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [STAGED_ACCOUNT] });
  });

  it('sends an OKTA-type provider without provider=true', async () => {
    okta()
      .post('/api/v1/users', { profile: required, credentials: { provider: { type: 'LDAP' } } })
      .query({ activate: 'false' })
      .reply(200, stagedUser());
    expect((await runClean('okta-create-user', { ...required, providerType: 'LDAP' })).Type).toBe(1);
  });

  it('shows the cause of a duplicate login plainly', async () => {
    okta()
      .post('/api/v1/users', { profile: required })
      .query({ activate: 'false' })
      .reply(400, oktaError('E0000001', 'Api validation failed: login', ['login: An object with this field already exists in the current organization']));
    expect(await runClean('okta-create-user', required)).toEqual(failedEntry('okta-create-user',
      'Okta API error 400 E0000001: Api validation failed: login [errorId oaeTestErrorId0001]\n' +
      'Cause: login: An object with this field already exists in the current organization'));
  });

  it.each([
    [{ passwordQuestion: 'First pet?' }, '"passwordQuestion" and "passwordAnswer" go together: give both or neither.'],
    [{ passwordAnswer: 'Rex' }, '"passwordQuestion" and "passwordAnswer" go together: give both or neither.'],
    [{ providerName: 'corp-ldap' }, '"providerName" needs "providerType" (for example providerType=LDAP providerName=corp-ldap).'],
    [{ providerType: 'SOCIAL', password: 'Secret-Pass-1' },
      'A SOCIAL user signs in through an identity provider and cannot have a password or a recovery question; leave out "password", "passwordQuestion" and "passwordAnswer".'],
    [{ groupIds: Array.from({ length: 21 }, (_, i) => `00g${i}`).join(',') }, 'Too many values: "groupIds" has 21 (at most 20)'],
    [{ activate: 'maybe' }, 'Invalid boolean: "activate"="maybe" (use true or false)'],
  ])('refuses %j before any request', async (extra, message) => {
    expect(await runClean('okta-create-user', { ...required, ...extra })).toEqual(failedEntry('okta-create-user', message));
  });

  it('names every missing required argument', async () => {
    expect(await runClean('okta-create-user', { firstName: 'Nia' })).toEqual(failedEntry('okta-create-user',
      'Missing required argument "lastName"\nMissing required argument "email"\nMissing required argument "login"'));
  });
});

describe('okta-update-user', () => {
  useNock();
  const updated = (profile: Record<string, unknown>) => oktaUser({ profile: { ...oktaUser().profile, ...profile } });

  it('sends only the given attribute: postalAddress reaches the profile, nothing else is sent (anchor §5.9)', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    okta().post(`/api/v1/users/${JDOE_ID}`, { profile: { postalAddress: 'PO Box 1' } }).reply(200, updated({ postalAddress: 'PO Box 1' }));
    const entry = await runClean('okta-update-user', { username: 'jdoe@example.com', postalAddress: 'PO Box 1' });
    expect(entry).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: updated({ postalAddress: 'PO Box 1' }),
      HumanReadable: `### Okta user updated: jdoe@example.com\n${USER_TABLE_HEAD}\n${JDOE_TABLE_ROW}\n\nChanged: postalAddress\n`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: [JDOE_ACCOUNT] },
    });
  });

  it('updates preferredLanguage and timezone (the seed bug) by userId with one request', async () => {
    okta()
      .post(`/api/v1/users/${JDOE_ID}`, { profile: { preferredLanguage: 'fr-CA', timezone: 'America/Toronto' } })
      .reply(200, updated({ preferredLanguage: 'fr-CA', timezone: 'America/Toronto' }));
    const entry = await runClean('okta-update-user', { userId: JDOE_ID, username: 'ignored@example.com', preferredLanguage: 'fr-CA', timezone: 'America/Toronto' });
    expect(entry.HumanReadable).toContain('\nChanged: preferredLanguage, timezone\n');
  });

  it('renames the login with the login argument', async () => {
    okta().post(`/api/v1/users/${JDOE_ID}`, { profile: { login: 'john.doe@example.com' } }).reply(200, updated({ login: 'john.doe@example.com' }));
    const entry = await runClean('okta-update-user', { userId: JDOE_ID, login: 'john.doe@example.com' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [{ ...JDOE_ACCOUNT, Username: 'john.doe@example.com' }] });
  });

  it('sets the password and the recovery question without echoing either', async () => {
    okta()
      .post(`/api/v1/users/${JDOE_ID}`, { credentials: { password: { value: 'N3w-Passw0rd!' }, recovery_question: { question: 'Town?', answer: 'Springfield' } } })
      .reply(200, oktaUser());
    const entry = await runClean('okta-update-user', { userId: JDOE_ID, password: 'N3w-Passw0rd!', passwordQuestion: 'Town?', passwordAnswer: 'Springfield' });
    expect(entry.HumanReadable).toContain('\nChanged: password, recovery question\n');
    const text = JSON.stringify(entry);
    expect(text).not.toContain('N3w-Passw0rd!');
    expect(text).not.toContain('Springfield');
    expect(text).not.toContain('<redacted>');
  });

  it.each([
    [{ userId: JDOE_ID }, 'Nothing to update: give at least one profile attribute, "password", or "passwordQuestion" with "passwordAnswer".'],
    [{ city: 'Paris' }, 'Either "userId" or "username" is required.'],
    [{ userId: JDOE_ID, passwordAnswer: 'x1x1' }, '"passwordQuestion" and "passwordAnswer" go together: give both or neither.'],
    [{ userId: JDOE_ID, providerType: 'LDAP', providerName: 'corp' },
      'Okta does not change the authentication provider of an existing user (credentials.provider is read-only); "providerType" and "providerName" apply to okta-create-user only.'],
  ])('refuses %j before any request', async (args, message) => {
    expect(await runClean('okta-update-user', args)).toEqual(failedEntry('okta-update-user', message));
  });

  it('shows a user that is not found', async () => {
    okta().get('/api/v1/users').query(loginSearch('nobody@example.com')).reply(200, []);
    expect(await runClean('okta-update-user', { username: 'nobody@example.com', city: 'Paris' })).toEqual(
      failedEntry('okta-update-user', "User 'nobody@example.com' was not found in Okta."));
  });
});

describe('okta-set-password', () => {
  useNock();
  const PASSWORD = 'a1b2c3-Long-Enough';
  const changed = (overrides: Partial<ReturnType<typeof oktaUser>> = {}) => oktaUser({ passwordChanged: '2024-06-02T09:00:00.000Z', ...overrides });
  const account = (overrides: Record<string, unknown> = {}) => ({ ...JDOE_ACCOUNT, PasswordChanged: '2024-06-02T09:00:00.000Z', ...overrides });

  it('sets the password with exactly the credentials body and never shows it', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    okta().post(`/api/v1/users/${JDOE_ID}`, { credentials: { password: { value: PASSWORD } } }).reply(200, changed());
    const entry = await runClean('okta-set-password', { username: 'jdoe@example.com', password: PASSWORD });
    expect(entry).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: changed(),
      HumanReadable: `### Okta password set: jdoe@example.com\nThe password was changed at 2024-06-02T09:00:00.000Z.\n${USER_TABLE_HEAD}\n${JDOE_TABLE_ROW}\n`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: [account()] },
    });
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
    expect(JSON.stringify(entry)).not.toContain('<redacted>');
  });

  it('expires the new password with temporary_password=true, so the user must change it at next sign-in', async () => {
    const expired = changed({ status: 'PASSWORD_EXPIRED' });
    okta().post(`/api/v1/users/${JDOE_ID}`, { credentials: { password: { value: PASSWORD } } }).reply(200, changed());
    okta().post(`/api/v1/users/${JDOE_ID}/lifecycle/expire_password`, '').matchHeader('content-length', '0').reply(200, expired);
    const entry = await runClean('okta-set-password', { userId: JDOE_ID, password: PASSWORD, temporary_password: 'true' });
    expect(entry.HumanReadable).toBe([
      '### Okta password set: jdoe@example.com',
      'The password was changed at 2024-06-02T09:00:00.000Z.',
      'The password is expired: jdoe@example.com must choose a new one at the next sign-in.',
      USER_TABLE_HEAD,
      JDOE_TABLE_ROW.replace('ACTIVE', 'PASSWORD_EXPIRED'),
      '',
    ].join('\n'));
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [account({ Status: 'PASSWORD_EXPIRED' })] });
    expect(entry.Contents).toEqual([changed(), expired]);
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
  });

  it('says the password was set when only the expiry fails, and reports the expiry error next to it', async () => {
    okta().post(`/api/v1/users/${JDOE_ID}`, { credentials: { password: { value: PASSWORD } } }).reply(200, changed({ status: 'STAGED' }));
    okta()
      .post(`/api/v1/users/${JDOE_ID}/lifecycle/expire_password`)
      .reply(403, { errorCode: 'E0000038', errorSummary: "This operation is not allowed in the user's current status.", errorId: 'oaeEXP', errorCauses: [] });
    const entries = await run('okta-set-password', { userId: JDOE_ID, password: PASSWORD, temporary_password: 'true' });
    expect(entries).toHaveLength(2);
    expect(entries[0]?.Type).toBe(1);
    expect(entries[0]?.HumanReadable).toContain('### Okta password set: jdoe@example.com\nThe password was changed at 2024-06-02T09:00:00.000Z.\nThe password could NOT be expired (it stays valid): jdoe@example.com is STAGED.\n');
    expect(entries[0]?.EntryContext).toEqual({ [ACCOUNT_DT]: [account({ Status: 'STAGED' })] });
    expect(entries[1]).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents:
        "Failed to execute okta-set-password command.\nError:\nThe password of jdoe@example.com was set, but expiring it failed:\nOkta API error 403 E0000038: This operation is not allowed in the user's current status. [errorId oaeEXP]",
    });
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });

  it('takes the status from the operation when Okta answers the expiry with an empty object', async () => {
    okta().post(`/api/v1/users/${JDOE_ID}`, { credentials: { password: { value: PASSWORD } } }).reply(200, changed());
    okta().post(`/api/v1/users/${JDOE_ID}/lifecycle/expire_password`).reply(200, {});
    const entry = await runClean('okta-set-password', { userId: JDOE_ID, password: PASSWORD, temporary_password: 'true' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: [account({ Status: 'PASSWORD_EXPIRED' })] });
  });

  it('masks the password even in an error Okta echoes it in', async () => {
    okta()
      .post(`/api/v1/users/${JDOE_ID}`)
      .reply(400, oktaError('E0000001', 'Api validation failed: password', [`password: Password requirements were not met: ${PASSWORD}`]));
    const entry = await runClean('okta-set-password', { userId: JDOE_ID, password: PASSWORD });
    expect(entry.Type).toBe(4);
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);
  });

  it.each([
    [{ userId: JDOE_ID }, 'Missing required argument "password"'],
    [{ password: PASSWORD }, 'Either "userId" or "username" is required.'],
    [{ userId: JDOE_ID, password: PASSWORD, temporary_password: 'sometimes' }, 'Invalid boolean: "temporary_password"="sometimes" (use true or false)'],
  ])('refuses %j before any request', async (args, message) => {
    const entry = await runClean('okta-set-password', args);
    expect(entry).toEqual(failedEntry('okta-set-password', message));
  });
});
