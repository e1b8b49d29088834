// Replay of real Okta traffic (optional: ../shared/recordings beside the repository). A loopback server answers
// each request of the built bundle with the recorded response of the matching recorded request, and the commands'
// context must carry the recorded values: ids, logins, statuses, group names, factor types and error codes.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent, OktaFactor, OktaGroup, OktaUser } from '../../src/okta/types';
import { ACCOUNT_KEY, EVENTS_KEY, GROUP_KEY, accountOf, groupOf } from './expected';
import { assertTokenAbsent, ensureBundle, only, runLibrary, type Entry } from './support';

const RECORDINGS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'recordings');
const haveRecordings = existsSync(RECORDINGS);
if (!haveRecordings) console.log(`Skipping the replay of recorded Okta traffic: ${RECORDINGS} does not exist (the shared reference is optional).`);

const REPLAY_TOKEN = 'replay-token-4b1d-not-the-recorded-one';

interface Recorded {
  method: string;
  url: URL;
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), value);

/** Header maps come as name → [values] (both recorders) or name → value; the first value is enough here. */
function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((raw ?? {}) as Json)) out[name.toLowerCase()] = String(Array.isArray(value) ? value[0] : value);
  return out;
}

/** okta-sdk-python cassettes (vcrpy: request.uri, response.status.code, body.string) and terraform's (go-vcr v2). */
function cassette(file: string): Recorded[] {
  const doc = YAML.parse(readFileSync(resolve(RECORDINGS, file), 'utf8')) as unknown;
  const interactions = at(doc, 'interactions');
  return (Array.isArray(interactions) ? interactions : []).map((it: unknown) => {
    const body = at(it, 'response', 'body');
    return {
      method: String(at(it, 'request', 'method')),
      url: new URL(String(at(it, 'request', 'uri') ?? at(it, 'request', 'url'))),
      status: Number(at(it, 'response', 'status', 'code') ?? at(it, 'response', 'code')),
      headers: headersOf(at(it, 'response', 'headers')),
      body: typeof body === 'string' ? body : String(at(body, 'string') ?? ''),
    };
  });
}

// The page size and the e-mail / activation flags do not change which recorded answer a request gets.
const IGNORED_QUERY = new Set(['limit', 'sendEmail', 'activate']);
const PASSED_HEADERS = ['content-type', 'link', 'date', 'x-okta-request-id', 'x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset'];

function sameQuery(a: URLSearchParams, b: URLSearchParams): boolean {
  const kept = (q: URLSearchParams): string => [...q].filter(([k]) => !IGNORED_QUERY.has(k)).map(([k, v]) => `${k}=${v}`).sort().join('&');
  return kept(a) === kept(b);
}

/** Serves the given recorded interactions, each once, first match first; anything unrecorded is a logged miss. */
class ReplayServer {
  readonly misses: string[] = [];
  readonly served: Recorded[] = [];
  private readonly server: Server;
  private origin = '';

  constructor(private readonly recorded: Recorded[]) {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  get url(): string {
    return this.origin;
  }

  async start(): Promise<this> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.origin);
      const index = this.recorded.findIndex((r) => !this.served.includes(r) && r.method === req.method && r.url.pathname === url.pathname && sameQuery(r.url.searchParams, url.searchParams));
      const hit = this.recorded[index];
      if (!hit || req.headers.authorization !== `SSWS ${REPLAY_TOKEN}`) {
        this.misses.push(`${req.method} ${url.pathname}${url.search}`);
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: 'E0000008', errorSummary: 'No recorded answer for this request', errorCauses: [] }));
        return;
      }
      this.served.push(hit);
      // The recordings point at their org; links must point here so the client follows them.
      const here = (text: string): string => text.split(hit.url.origin).join(this.origin);
      const headers = Object.fromEntries(PASSED_HEADERS.filter((h) => hit.headers[h] !== undefined).map((h) => [h, here(hit.headers[h]!)]));
      res.writeHead(hit.status, headers).end(hit.status === 204 ? undefined : here(hit.body));
    });
  }
}

/** The JSON body of the recorded `METHOD path` answer (the first, or the n-th). */
function recordedJson<T>(recorded: Recorded[], method: string, pathname: string, nth = 0): T {
  const hit = recorded.filter((r) => r.method === method && r.url.pathname === pathname)[nth];
  if (!hit) throw new Error(`no recorded ${method} ${pathname}`);
  return JSON.parse(hit.body) as T;
}

let replay: ReplayServer | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

async function replaying(recorded: Recorded[]): Promise<ReplayServer> {
  replay = await new ReplayServer(recorded).start();
  return replay;
}

async function run(server: ReplayServer, command: string, args: Record<string, unknown>): Promise<Entry> {
  const outcome = await runLibrary({ url: server.url, token: REPLAY_TOKEN }, command, args);
  assertTokenAbsent(REPLAY_TOKEN, outcome.entries, outcome.logs);
  return only(outcome);
}

const SDK = 'okta-sdk-python';
const TF = 'terraform-provider-okta';

describe.skipIf(!haveRecordings)('replay of recorded Okta traffic', () => {
  beforeAll(() => ensureBundle());

  it('get-user by id: the recorded STAGED user; after its deletion, the recorded 404 is a not-found note', async () => {
    const recorded = cassette(`${SDK}/TestUsersResource.test_create_get_user.yaml`);
    const created = recordedJson<OktaUser>(recorded, 'POST', '/api/v1/users');
    const fetched = recordedJson<OktaUser>(recorded, 'GET', `/api/v1/users/${created.id}`);
    const server = await replaying(recorded.filter((r) => r.method === 'GET' && r.url.pathname === `/api/v1/users/${created.id}`));
    const entry = await run(server, 'okta-get-user', { userId: created.id });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: [accountOf(fetched)] });
    expect(accountOf(fetched)).toMatchObject({ ID: '00usfhrjbkppPBkoY4x6', Username: 'John.Doe-Get@example.com', Status: 'STAGED' });
    const gone = await run(server, 'okta-get-user', { userId: created.id });
    expect(gone).toMatchObject({ Type: 1, HumanReadable: `User '${created.id}' was not found in Okta.` });
    expect(server.misses).toEqual([]);
  });

  it('suspend and unsuspend by id: the recorded {} answers, SUSPENDED then ACTIVE', async () => {
    const recorded = cassette(`${SDK}/TestUsersResource.test_suspend_user.yaml`);
    const id = recordedJson<OktaUser>(recorded, 'POST', '/api/v1/users').id;
    const server = await replaying(recorded);
    const suspended = await run(server, 'okta-suspend-user', { userId: id });
    expect(suspended).toMatchObject({ Type: 1, Contents: {}, EntryContext: { [ACCOUNT_KEY]: { ID: '00usfdd3eO3sfObs54x6', Status: 'SUSPENDED', Type: 'Okta' } } });
    const active = await run(server, 'okta-unsuspend-user', { userId: id });
    expect(active.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: id, Status: 'ACTIVE', Type: 'Okta' } });
    expect(server.served.map((r) => r.url.pathname)).toEqual([`/api/v1/users/${id}/lifecycle/suspend`, `/api/v1/users/${id}/lifecycle/unsuspend`]);
  });

  it('unlock of an ACTIVE user: the recorded 403 E0000032, with its summary and errorId', async () => {
    const recorded = cassette(`${SDK}/TestUsersResource.test_unlock_user.yaml`);
    const id = recordedJson<OktaUser>(recorded, 'POST', '/api/v1/users').id;
    const refusal = recordedJson<Json>(recorded, 'POST', `/api/v1/users/${id}/lifecycle/unlock`);
    const server = await replaying(recorded);
    const entry = await run(server, 'okta-unlock-user', { userId: id });
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain(`Okta API error 403 ${String(refusal['errorCode'])}: ${String(refusal['errorSummary'])} [errorId ${String(refusal['errorId'])}]`);
    expect(refusal['errorCode']).toBe('E0000032');
    // the refusal explains itself from the current user; that read was never recorded
    expect(server.misses).toEqual([`GET /api/v1/users/${id}`]);
  });

  it('activate of a STAGED user: the recorded activation answer as Contents, the id in context', async () => {
    const recorded = cassette(`${SDK}/TestUsersResource.test_activate_user.yaml`);
    const id = recordedJson<OktaUser>(recorded, 'POST', '/api/v1/users').id;
    const server = await replaying(recorded);
    const entry = await run(server, 'okta-activate-user', { userId: id });
    const answer = recordedJson<Json>(recorded, 'POST', `/api/v1/users/${id}/lifecycle/activate`);
    expect(entry.Contents).toEqual(JSON.parse(JSON.stringify(answer).split('https://test.okta.com').join(server.url)));
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: id, Type: 'Okta' } });
  });

  it('factors: none for a new user; the recorded sms factor; a non-push factor refused; the recorded 404 after deletion', async () => {
    const none = cassette(`${SDK}/TestFactorsResource.test_list_factors_new_user.yaml`);
    const fresh = recordedJson<OktaUser>(none, 'POST', '/api/v1/users').id;
    let server = await replaying(none);
    expect(await run(server, 'okta-get-user-factors', { userId: fresh })).toMatchObject({ Type: 1, HumanReadable: `No factors enrolled for user ${fresh}.` });
    await server.close();

    const enrolled = cassette(`${SDK}/TestFactorsResource.test_enroll_sms_factor.yaml`);
    const user = recordedJson<OktaUser>(enrolled, 'POST', '/api/v1/users').id;
    const [sms] = recordedJson<OktaFactor[]>(enrolled, 'GET', `/api/v1/users/${user}/factors`);
    server = await replaying(enrolled);
    const listed = await run(server, 'okta-get-user-factors', { userId: user });
    expect(listed.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: user, Factor: [{ ID: sms!.id, FactorType: 'sms', Provider: sms!.provider, Status: sms!.status, Profile: sms!.profile }] } });
    await server.close();

    const deleted = cassette(`${SDK}/TestFactorsResource.test_delete_factor.yaml`);
    const owner = recordedJson<OktaUser>(deleted, 'POST', '/api/v1/users').id;
    const factor = recordedJson<OktaFactor>(deleted, 'POST', `/api/v1/users/${owner}/factors`);
    server = await replaying(deleted);
    const wrongType = await run(server, 'okta-verify-push-factor', { userId: owner, factorId: factor.id });
    expect(String(wrongType.Contents)).toContain(`Factor '${factor.id}' of user ${owner} is a ${factor.factorType} factor, not push`);
    const removed = await run(server, 'okta-reset-factor', { userId: owner, factorId: factor.id });
    expect(removed.HumanReadable).toBe(`Factor '${factor.id}' was removed from user ${owner}; the user can enroll it again.`);
    const missing = await run(server, 'okta-verify-push-factor', { userId: owner, factorId: factor.id });
    expect(String(missing.Contents)).toContain(`Factor '${factor.id}' or user '${owner}' was not found in Okta.`);
  });

  it('groups: a user\'s recorded groups, the recorded listing and the recorded q search', async () => {
    const userGroups = cassette(`${SDK}/TestUsersResource.test_list_user_groups.yaml`);
    const user = recordedJson<OktaUser>(userGroups, 'POST', '/api/v1/users').id;
    const groups = recordedJson<OktaGroup[]>(userGroups, 'GET', `/api/v1/users/${user}/groups`);
    let server = await replaying(userGroups);
    const ofUser = await run(server, 'okta-get-groups', { userId: user });
    expect(ofUser.EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: user, Type: 'Okta', Group: groups.map(groupOf) } });
    expect(groups.map((g) => g.profile.name)).toContain('Everyone');
    await server.close();

    const listing = cassette(`${SDK}/TestGroupsResource.test_list_groups.yaml`);
    server = await replaying(listing);
    const listed = await run(server, 'okta-list-groups', {});
    expect(listed.EntryContext).toEqual({ [GROUP_KEY]: recordedJson<OktaGroup[]>(listing, 'GET', '/api/v1/groups').map(groupOf) });
    await server.close();

    const search = cassette(`${SDK}/TestGroupsResource.test_search_group.yaml`);
    server = await replaying(search);
    const found = await run(server, 'okta-list-groups', { query: 'Group-Target-Test' });
    const [target] = recordedJson<OktaGroup[]>(search, 'GET', '/api/v1/groups');
    expect(found.EntryContext).toEqual({ [GROUP_KEY]: [groupOf(target!)] });
    expect(target!.profile.name).toBe('Group-Target-Test');
  });

  it('membership: add, the recorded member list, remove, the recorded empty list', async () => {
    const recorded = cassette(`${SDK}/TestGroupsResource.test_group_users_operations.yaml`);
    const user = recordedJson<OktaUser>(recorded, 'POST', '/api/v1/users').id;
    const group = recordedJson<OktaGroup>(recorded, 'POST', '/api/v1/groups').id;
    const members = recordedJson<OktaUser[]>(recorded, 'GET', `/api/v1/groups/${group}/users`);
    const server = await replaying(recorded);
    expect((await run(server, 'okta-add-to-group', { userId: user, groupId: group })).HumanReadable).toBe(`User '${user}' was added to group '${group}' (or already was a member: Okta answers the same).`);
    expect((await run(server, 'okta-get-group-members', { groupId: group })).EntryContext).toEqual({ [ACCOUNT_KEY]: members.map(accountOf) });
    expect(members.map((m) => [m.id, m.status])).toEqual([[user, 'STAGED']]);
    expect((await run(server, 'okta-remove-from-group', { userId: user, groupId: group })).HumanReadable).toBe(`User '${user}' was removed from group '${group}' (or was not a member: Okta answers the same).`);
    expect((await run(server, 'okta-get-group-members', { groupId: group })).EntryContext).toBeUndefined();
    expect(server.misses).toEqual([]);
  });

  it('update-user: the recorded updated user becomes the Account', async () => {
    const recorded = cassette(`${SDK}/TestUsersResource.test_update_user_profile.yaml`);
    const id = recordedJson<OktaUser>(recorded, 'POST', '/api/v1/users').id;
    const updated = recordedJson<OktaUser>(recorded, 'POST', `/api/v1/users/${id}`);
    const server = await replaying(recorded);
    const entry = await run(server, 'okta-update-user', { userId: id, nickName: 'Johnny' });
    expect(entry.EntryContext).toEqual({ [ACCOUNT_KEY]: [accountOf(updated)] });
  });

  it('terraform: recorded members of a group, a PROVISIONED user, and the 400 E0000001 of an unknown attribute', async () => {
    const memberships = cassette(`${TF}/TestAccResourceOktaGroupMemberships_crud.classic-00.yaml`);
    const group = recordedJson<OktaGroup>(memberships, 'POST', '/api/v1/groups').id;
    const members = recordedJson<OktaUser[]>(memberships, 'GET', `/api/v1/groups/${group}/users`);
    let server = await replaying(memberships);
    const listed = await run(server, 'okta-get-group-members', { groupId: group });
    expect(listed.EntryContext).toEqual({ [ACCOUNT_KEY]: members.map(accountOf) });
    expect(members.every((m) => m.status === 'PROVISIONED')).toBe(true);
    await server.close();

    const users = cassette(`${TF}/TestAccDataSourceOktaUsers_read.oie-00.yaml`);
    const someone = recordedJson<OktaUser>(users, 'GET', '/api/v1/users/00ukwqu0lz7i1KyUI1d7');
    server = await replaying(users);
    expect((await run(server, 'okta-get-user', { userId: someone.id })).EntryContext).toEqual({ [ACCOUNT_KEY]: [accountOf(someone)] });
    await server.close();

    const invalid = cassette(`${TF}/TestAccResourceOktaUser_invalidCustomProfileAttribute.classic-00.yaml`);
    server = await replaying(invalid);
    const refused = await run(server, 'okta-create-user', { firstName: 'TestAcc', lastName: 'Jones', email: 'testacc@example.com', login: 'testacc@example.com' });
    expect(refused.Type).toBe(4);
    expect(String(refused.Contents)).toMatch(/Okta API error 400 E0000001: Api validation failed: newUser \[errorId oaefhFnOi_dSHKabyDvfPWwrQ\]\nCause: Property name 'notValid' is not defined in profile/);
  });

  it('System Log: recorded events (Panther\'s test set) go to context exactly as recorded', async () => {
    const events = JSON.parse(readFileSync(resolve(RECORDINGS, 'system-log', 'panther-okta-test-events.json'), 'utf8')) as LogEvent[];
    const logs: Recorded = { method: 'GET', url: new URL('https://test.okta.com/api/v1/logs?until=2024-06-01T00%3A00%3A00.000Z&sortOrder=ASCENDING'), status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) };
    const server = await replaying([logs]);
    const entry = await run(server, 'okta-get-logs', { until: '2024-06-01T00:00:00Z', limit: '1000' });
    expect(entry.EntryContext).toEqual({ [EVENTS_KEY]: events });
    expect(String(entry.HumanReadable).split('\n').filter((line) => line.startsWith('| ')).length).toBe(events.length);
    expect(String(entry.HumanReadable)).not.toMatch(/undefined|\[object Object\]/);
  });
});
