// okta-get-user-factors, okta-verify-push-factor and okta-reset-factor against nock. The push tests run on a fake
// clock: sleep() advances it, so a 300-second wait takes no real time and the poll count is exact.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  JDOE_ID, PUSH_ID, SMS_ID, TOTP_ID, TRANSACTION_PATH, TRANSACTION_URL, finished, oktaError, oktaUser, pushFactor, smsFactor, totpFactor, waiting,
  ACCOUNT_DT, failedEntry, loginSearch, runClean,
} from '../../test/fixtures/okta-users';
import { ORG, okta, useNock } from '../../test/helpers/run';

const factorPath = (factorId = PUSH_ID) => `/api/v1/users/${JDOE_ID}/factors/${factorId}`;

describe('okta-get-user-factors', () => {
  useNock();

  const FACTORS_TABLE = [
    `### Factors for user: ${JDOE_ID}`,
    '|ID|Factor Type|Provider|Status|Profile|',
    '|---|---|---|---|---|',
    `| ${PUSH_ID} | push | OKTA | ACTIVE | credentialId: jdoe@example.com<br>deviceType: SmartPhone_IPhone<br>name: John phone<br>platform: IOS<br>version: 17.4 |`,
    `| ${SMS_ID} | sms | OKTA | ACTIVE | phoneNumber: +15554151337 |`,
    `| ${TOTP_ID} | token:software:totp | GOOGLE | PENDING_ACTIVATION | credentialId: jdoe@example.com |`,
    '',
  ].join('\n');

  it('lists the factors of a user id under Account.Factor with one request', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}/factors`).reply(200, [pushFactor(), smsFactor(), totpFactor()]);
    expect(await runClean('okta-get-user-factors', { userId: JDOE_ID })).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: [pushFactor(), smsFactor(), totpFactor()],
      HumanReadable: FACTORS_TABLE,
      ReadableContentsFormat: 'markdown',
      EntryContext: {
        [ACCOUNT_DT]: {
          ID: JDOE_ID,
          Factor: [
            { ID: PUSH_ID, FactorType: 'push', Provider: 'OKTA', Status: 'ACTIVE', Profile: pushFactor().profile },
            { ID: SMS_ID, FactorType: 'sms', Provider: 'OKTA', Status: 'ACTIVE', Profile: { phoneNumber: '+15554151337' } },
            { ID: TOTP_ID, FactorType: 'token:software:totp', Provider: 'GOOGLE', Status: 'PENDING_ACTIVATION', Profile: { credentialId: 'jdoe@example.com' } },
          ],
        },
      },
    });
  });

  it('resolves a username first and names the user by login', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    okta().get(`/api/v1/users/${JDOE_ID}/factors`).reply(200, [smsFactor()]);
    const entry = await runClean('okta-get-user-factors', { username: 'jdoe@example.com' });
    expect(entry.HumanReadable).toBe(`### Factors for user: jdoe@example.com\n|ID|Factor Type|Provider|Status|Profile|\n|---|---|---|---|---|\n| ${SMS_ID} | sms | OKTA | ACTIVE | phoneNumber: +15554151337 |\n`);
  });

  it('leaves out a profile Okta did not send, rather than writing an empty one', async () => {
    const bare = { id: 'ufs1question00000x04', factorType: 'question', provider: 'OKTA', status: 'ACTIVE' };
    okta().get(`/api/v1/users/${JDOE_ID}/factors`).reply(200, [bare]);
    const entry = await runClean('okta-get-user-factors', { userId: JDOE_ID });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: { ID: JDOE_ID, Factor: [{ ID: 'ufs1question00000x04', FactorType: 'question', Provider: 'OKTA', Status: 'ACTIVE' }] } });
    expect(entry.HumanReadable).toBe(`### Factors for user: ${JDOE_ID}\n|ID|Factor Type|Provider|Status|\n|---|---|---|---|\n| ufs1question00000x04 | question | OKTA | ACTIVE |\n`);
  });

  it('reports no factors as a readable note, not an error (anchor §5.6), and empties Account.Factor in context', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}/factors`).reply(200, []);
    expect(await runClean('okta-get-user-factors', { userId: JDOE_ID })).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: [],
      HumanReadable: `No factors enrolled for user ${JDOE_ID}.`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [ACCOUNT_DT]: { ID: JDOE_ID, Factor: [] } },
    });
  });

  it('prefers userId over username and makes no lookup', async () => {
    okta().get(`/api/v1/users/${JDOE_ID}/factors`).reply(200, []);
    expect((await runClean('okta-get-user-factors', { userId: JDOE_ID, username: 'other@example.com' })).HumanReadable).toBe(`No factors enrolled for user ${JDOE_ID}.`);
  });

  it('finds a username with quotes, backslashes, slashes and non-ASCII letters by the escaped search', async () => {
    const login = 'zoë "z" o\\brien/ops@example.com';
    okta().get('/api/v1/users').query({ search: 'profile.login eq "zoë \\"z\\" o\\\\brien/ops@example.com"', limit: '2' }).reply(200, [oktaUser({ profile: { login } })]);
    okta().get(`/api/v1/users/${JDOE_ID}/factors`).reply(200, []);
    expect((await runClean('okta-get-user-factors', { username: login })).HumanReadable).toBe(`No factors enrolled for user ${login}.`);
  });

  it('needs a user and sends nothing without one', async () => {
    expect(await runClean('okta-get-user-factors', {})).toEqual(failedEntry('okta-get-user-factors', 'Either "userId" or "username" is required.'));
  });
});

/** A clock that only moves when the command sleeps; it records every sleep. */
function fakeClock(start = Date.parse('2024-06-01T10:00:00.000Z')) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    hooks: {
      now: () => new Date(now),
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}

describe('okta-verify-push-factor', () => {
  useNock();

  const expectFactor = (factor = pushFactor()) => okta().get(factorPath(factor.id)).reply(200, factor);
  // The push verify call sends no body; Okta answers 201 Created with WAITING.
  const expectVerify = () => okta().post(`${factorPath()}/verify`, '').matchHeader('content-length', '0');
  const expectPoll = () => okta().get(TRANSACTION_PATH);

  const result = (value: string, raw: unknown, extra = '') => ({
    Type: 1,
    ContentsFormat: 'json',
    Contents: raw,
    HumanReadable: `Verify push factor result for user ${JDOE_ID}: ${value}\n${extra}`,
    ReadableContentsFormat: 'markdown',
    EntryContext: { [ACCOUNT_DT]: { ID: JDOE_ID, VerifyPushResult: value } },
  });

  it('accepts 201 WAITING, polls the poll link every interval, and reports SUCCESS (anchor §5.1)', async () => {
    const clock = fakeClock();
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().reply(200, waiting());
    expectPoll().reply(200, finished('SUCCESS'));
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID }, clock.hooks);
    expect(entry).toEqual(result('SUCCESS', finished('SUCCESS')));
    expect(clock.sleeps).toEqual([5000, 5000]);
  });

  it('writes the real user id to context when userId was given as a login (the factor names its user)', async () => {
    const clock = fakeClock();
    const factor = { ...pushFactor(), _links: { ...pushFactor()._links, user: { href: `${ORG}/api/v1/users/${JDOE_ID}` } } };
    const byLogin = '/api/v1/users/jdoe%40example.com/factors/' + PUSH_ID;
    okta().get(byLogin).reply(200, factor);
    okta().post(`${byLogin}/verify`, '').reply(201, waiting());
    expectPoll().reply(200, finished('SUCCESS'));
    const entry = await runClean('okta-verify-push-factor', { userId: 'jdoe@example.com', factorId: PUSH_ID }, clock.hooks);
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: { ID: JDOE_ID, VerifyPushResult: 'SUCCESS' } });
  });

  it('a poll whose answer is garbled is tried again at the next interval, not the end of the push', async () => {
    const clock = fakeClock();
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().reply(200, '{"factorResult":', { 'Content-Type': 'application/json' });
    expectPoll().reply(200, finished('SUCCESS'));
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID }, clock.hooks);
    expect(entry).toEqual(result('SUCCESS', finished('SUCCESS')));
    expect(clock.sleeps).toEqual([5000, 5000]);
  });

  it('reports REJECTED as a result, not an error', async () => {
    const clock = fakeClock();
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().reply(200, finished('REJECTED'));
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID, interval_seconds: '2' }, clock.hooks);
    expect(entry).toEqual(result('REJECTED', finished('REJECTED')));
    expect(clock.sleeps).toEqual([2000]);
  });

  it("reports Okta's own TIMEOUT without cancelling anything", async () => {
    const clock = fakeClock();
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().reply(200, finished('TIMEOUT'));
    expect(await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID }, clock.hooks)).toEqual(result('TIMEOUT', finished('TIMEOUT')));
  });

  it('on its own timeout cancels the transaction through the cancel link and reports TIMEOUT', async () => {
    const clock = fakeClock();
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().times(3).reply(200, waiting());
    okta().delete(TRANSACTION_PATH).reply(204);
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID, interval_seconds: '4', timeout_seconds: '10' }, clock.hooks);
    expect(entry).toEqual(result('TIMEOUT', waiting()));
    // 4 + 4 + 2: the last wait is cut to the deadline, then the transaction is cancelled instead of polled again.
    expect(clock.sleeps).toEqual([4000, 4000, 2000]);
  });

  it('still reports TIMEOUT when the cancel call fails, and says the push will expire on its own', async () => {
    const clock = fakeClock();
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().reply(200, waiting());
    okta().delete(TRANSACTION_PATH).reply(405, oktaError('E0000022', 'The endpoint does not support the provided HTTP method'));
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID, interval_seconds: '5', timeout_seconds: '5' }, clock.hooks);
    expect(entry).toEqual(result('TIMEOUT', waiting(), 'Cancelling the push transaction failed, so it will expire on its own.\n'));
  });

  it('stops after a bounded number of polls even when the clock does not move', async () => {
    const sleeps: number[] = [];
    const frozen = { now: () => new Date('2024-06-01T10:00:00.000Z'), sleep: async (ms: number) => void sleeps.push(ms) };
    expectFactor();
    expectVerify().reply(201, waiting());
    expectPoll().times(3).reply(200, waiting());
    okta().delete(TRANSACTION_PATH).reply(204);
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID, interval_seconds: '5', timeout_seconds: '10' }, frozen);
    expect(entry.EntryContext).toEqual({ [ACCOUNT_DT]: { ID: JDOE_ID, VerifyPushResult: 'TIMEOUT' } });
    expect(sleeps).toEqual([5000, 5000, 5000]);
  });

  it('refuses a poll link on another host and never sends the token there', async () => {
    const foreign = nock('https://evil.example.com').get(/.*/).reply(200, finished('SUCCESS'));
    expectFactor();
    expectVerify().reply(201, waiting('https://evil.example.com/api/v1/transactions/steal'));
    const entry = await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID }, fakeClock().hooks);
    expect(entry.Type).toBe(4);
    expect(entry.Contents).toContain(`Refused to follow a link outside ${ORG}: https://evil.example.com`);
    // The analyst must know a push is on the user's phone even though its answer cannot be read.
    expect(entry.Contents).toContain('The push was sent and may still be waiting for the user until ');
    expect(foreign.isDone()).toBe(false);
    // Only the foreign interceptor is left: every request to the org was the expected one.
    expect(nock.pendingMocks()).toEqual(['GET https://evil.example.com:443//.*/']);
    nock.cleanAll();
  });

  it('refuses a factor that is not push with a clear error before any verify call', async () => {
    expectFactor(smsFactor());
    expect(await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: SMS_ID })).toEqual(failedEntry('okta-verify-push-factor',
      `Factor '${SMS_ID}' of user ${JDOE_ID} is a sms factor, not push: okta-verify-push-factor sends Okta Verify pushes only.`));
  });

  it('refuses a push factor that is not activated yet', async () => {
    expectFactor(pushFactor('PENDING_ACTIVATION'));
    expect(await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID })).toEqual(failedEntry('okta-verify-push-factor',
      `The push factor '${PUSH_ID}' of user ${JDOE_ID} is PENDING_ACTIVATION, not ACTIVE: Okta can only send a push to an activated factor.`));
  });

  it('names factor and user when the factor does not exist', async () => {
    okta().get(factorPath('opfMissing')).reply(404, oktaError('E0000007', 'Not found: Resource not found: opfMissing (UserFactor)'));
    expect(await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: 'opfMissing' })).toEqual(
      failedEntry('okta-verify-push-factor', `Factor 'opfMissing' or user '${JDOE_ID}' was not found in Okta.`));
  });

  it('fails clearly when Okta sends no poll link', async () => {
    expectFactor();
    expectVerify().reply(201, { factorResult: 'WAITING' });
    expect(await runClean('okta-verify-push-factor', { userId: JDOE_ID, factorId: PUSH_ID }, fakeClock().hooks)).toEqual(
      failedEntry('okta-verify-push-factor', 'Okta did not return a poll link for the push verification.'));
  });

  it.each([
    [{ factorId: PUSH_ID }, 'Missing required argument "userId"'],
    [{ userId: JDOE_ID }, 'Missing required argument "factorId"'],
    [{ userId: JDOE_ID, factorId: PUSH_ID, timeout_seconds: '601' }, 'Invalid number: "timeout_seconds"="601" (must be a whole number between 1 and 600)'],
    [{ userId: JDOE_ID, factorId: PUSH_ID, interval_seconds: '0' }, 'Invalid number: "interval_seconds"="0" (must be a whole number between 1 and 600)'],
    [{ userId: JDOE_ID, factorId: PUSH_ID, interval_seconds: '30', timeout_seconds: '10' }, '"interval_seconds" (30) must not be longer than "timeout_seconds" (10).'],
  ])('refuses %j before any request', async (args, message) => {
    expect(await runClean('okta-verify-push-factor', args)).toEqual(failedEntry('okta-verify-push-factor', message));
  });
});

describe('okta-reset-factor', () => {
  useNock();

  it('deletes the factor of a user id with one request and confirms which factor of which user', async () => {
    okta().delete(factorPath(TOTP_ID)).reply(204);
    expect(await runClean('okta-reset-factor', { userId: JDOE_ID, factorId: TOTP_ID })).toEqual({
      Type: 1, ContentsFormat: 'json', Contents: null, ReadableContentsFormat: 'markdown',
      HumanReadable: `Factor '${TOTP_ID}' was removed from user ${JDOE_ID}; the user can enroll it again.`,
    });
  });

  it('resolves a username first and names the user by login', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    okta().delete(factorPath(TOTP_ID)).reply(204);
    expect((await runClean('okta-reset-factor', { username: 'jdoe@example.com', factorId: TOTP_ID })).HumanReadable).toBe(
      `Factor '${TOTP_ID}' was removed from user jdoe@example.com; the user can enroll it again.`);
  });

  it('prefers userId over username and makes no lookup', async () => {
    okta().delete(factorPath(TOTP_ID)).reply(204);
    expect((await runClean('okta-reset-factor', { userId: JDOE_ID, username: 'other@example.com', factorId: TOTP_ID })).Type).toBe(1);
  });

  it('encodes the factor id as one path segment', async () => {
    okta().delete(`/api/v1/users/${JDOE_ID}/factors/..%2F..%2Fgroups`).reply(404, oktaError('E0000007', 'Not found: Resource not found: ../../groups (UserFactor)'));
    expect(await runClean('okta-reset-factor', { userId: JDOE_ID, factorId: '../../groups' })).toEqual(
      failedEntry('okta-reset-factor', `Factor '../../groups' or user '${JDOE_ID}' was not found in Okta.`));
  });

  it('reports an unknown factor clearly, naming the user by login', async () => {
    okta().get('/api/v1/users').query(loginSearch('jdoe@example.com')).reply(200, [oktaUser()]);
    okta().delete(factorPath('ostMissing')).reply(404, oktaError('E0000007', 'Not found: Resource not found: ostMissing (UserFactor)'));
    expect(await runClean('okta-reset-factor', { username: 'jdoe@example.com', factorId: 'ostMissing' })).toEqual(
      failedEntry('okta-reset-factor', "Factor 'ostMissing' was not found for user jdoe@example.com."));
  });

  it('passes other errors through', async () => {
    okta().delete(factorPath(TOTP_ID)).reply(403, oktaError('E0000038', "This operation is not allowed in the user's current status."));
    expect(await runClean('okta-reset-factor', { userId: JDOE_ID, factorId: TOTP_ID })).toEqual(failedEntry('okta-reset-factor',
      "Okta API error 403 E0000038: This operation is not allowed in the user's current status. [errorId oaeTestErrorId0001]"));
  });

  it.each([
    [{ userId: JDOE_ID }, 'Missing required argument "factorId"'],
    [{ factorId: TOTP_ID }, 'Either "userId" or "username" is required.'],
  ])('refuses %j before any request', async (args, message) => {
    expect(await runClean('okta-reset-factor', args)).toEqual(failedEntry('okta-reset-factor', message));
  });
});

it('the fixture transaction URL is on the org', () => {
  expect(new URL(TRANSACTION_URL).origin).toBe(ORG);
});
