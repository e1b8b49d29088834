// A playbook replayed by hand over the War Room CLI of the built bundle: each step reads the ids it needs from the
// context file the previous steps wrote (${Account.ID}), and the System Log at the end shows exactly what it did.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OktaUser } from '../../src/okta/types';
import { EVENT_HEADERS, adminEventRow, groupOf, groupTable, table, userTable } from './expected';
import { E2E_TOKEN, FROZEN_NOW, assertTokenAbsent, requestLines, runCli, scratchDir, useSandbox, type ProcessResult } from './support';

// One org for the whole flow: each step builds on the state the one before left.
const sb = useSandbox({ resetEachTest: false });
const contextFile = join(scratchDir('playbook'), 'ctx.json');
const outputs: ProcessResult[] = [];

async function step(...words: string[]): Promise<ProcessResult> {
  const out = await runCli(sb(), [...words, '--context', contextFile]);
  outputs.push(out);
  return out;
}

const context = (): Record<string, unknown> => JSON.parse(readFileSync(contextFile, 'utf8')) as Record<string, unknown>;
const now = FROZEN_NOW.toISOString();

// The steps share the org and the context file, so they run in order.
describe('create → add to group → suspend → unsuspend → get-groups → get-logs', () => {
  let ann: OktaUser;

  it('creates the user (activated) and writes it to Account', async () => {
    const out = await step('okta-create-user', 'firstName=Ann', 'lastName=Lee', 'email=ann.lee@example.com', 'login=ann.lee@example.com', 'password=Qx9-Passw0rd-2026!', 'activate=true');
    ann = sb().controls.state.userByLogin('ann.lee@example.com')!;
    expect(out).toMatchObject({ code: 0, stdout: userTable('Okta user created: ann.lee@example.com', [ann]), stderr: '' });
    expect(ann.status).toBe('ACTIVE');
    expect(context()).toEqual({
      Account: {
        ID: ann.id, Username: 'ann.lee@example.com', DisplayName: 'Ann Lee', Email: 'ann.lee@example.com', FirstName: 'Ann', LastName: 'Lee',
        Status: 'ACTIVE', Type: 'Okta', Created: now, Activated: now, StatusChanged: now, LastUpdated: now, PasswordChanged: now,
      },
    });
  });

  it('adds ${Account.ID} to Engineering (a note: the context is unchanged)', async () => {
    const before = context();
    const out = await step('okta-add-to-group', 'userId=${Account.ID}', 'groupName=Engineering');
    expect(out).toMatchObject({ code: 0, stdout: `User '${ann.id}' was added to group 'Engineering' (or already was a member: Okta answers the same).\n` });
    expect(context()).toEqual(before);
  });

  // A matched Account element is updated in place (one element, never a second one for the same ID); the fields a
  // step writes are checked exactly, whatever it keeps of the earlier steps' fields.
  it('suspends, then unsuspends, the same user; one Account element carries the new status', async () => {
    const suspended = await step('!okta-suspend-user userId="${Account.ID}"');
    expect(suspended).toMatchObject({ code: 0, stdout: table(`Okta user suspended: ${ann.id}`, ['ID', 'Status'], [[ann.id, 'SUSPENDED']]) });
    expect(context()['Account']).toMatchObject({ ID: ann.id, Status: 'SUSPENDED', Type: 'Okta' });
    const unsuspended = await step('okta-unsuspend-user', 'userId=${Account.ID}');
    expect(unsuspended).toMatchObject({ code: 0, stdout: table(`Okta user unsuspended: ${ann.id}`, ['ID', 'Status'], [[ann.id, 'ACTIVE']]) });
    expect(context()['Account']).toMatchObject({ ID: ann.id, Status: 'ACTIVE', Type: 'Okta' });
    expect(sb().controls.state.userByLogin('ann.lee@example.com')?.status).toBe('ACTIVE');
  });

  it('get-groups lists Everyone and Engineering under Account.Group', async () => {
    const groups = sb().controls.state.groups().filter((g) => g.profile.name === 'Everyone' || g.profile.name === 'Engineering');
    const out = await step('okta-get-groups', 'userId=${Account.ID}');
    expect(out).toMatchObject({ code: 0, stdout: groupTable(`Okta groups for user: ${ann.id}`, groups) });
    expect(context()['Account']).toMatchObject({ ID: ann.id, Type: 'Okta', Group: groups.map(groupOf) });
    expect(Array.isArray(context()['Account'])).toBe(false);
  });

  it('get-logs about ${Account.ID} shows exactly the five events of this playbook, in order', async () => {
    sb().controls.clearRequests();
    const out = await step('okta-get-logs', 'filter=target.id eq "${Account.ID}"');
    const expectedFilter = `target.id eq "${ann.id}"`;
    expect(requestLines(sb().controls.requests())[0]).toBe(`GET /api/v1/logs?${new URLSearchParams({ filter: expectedFilter, sortOrder: 'ASCENDING', limit: '100' })}`);
    const annTarget = 'Ann Lee (User)';
    expect(out).toMatchObject({
      code: 0,
      stdout: table('Okta Events', EVENT_HEADERS, [
        adminEventRow(now, 'Create Okta user', [annTarget]),
        adminEventRow(now, 'Activate Okta user', [annTarget]),
        adminEventRow(now, 'Add user to group membership', [annTarget, 'Engineering (UserGroup)']),
        adminEventRow(now, 'Suspend Okta user', [annTarget]),
        adminEventRow(now, 'Unsuspend Okta user', [annTarget]),
      ]),
    });
    const events = sb().controls.state.events().filter((e) => (e.target ?? []).some((t) => t.id === ann.id));
    expect(events.map((e) => e.eventType)).toEqual([
      'user.lifecycle.create', 'user.lifecycle.activate', 'group.user_membership.add', 'user.lifecycle.suspend', 'user.lifecycle.unsuspend',
    ]);
    expect((context()['Okta'] as { Logs: { Events: unknown } }).Logs.Events).toEqual(events);
  });

  it('no step printed the token or the password', () => {
    expect(outputs).toHaveLength(6);
    for (const out of outputs) assertTokenAbsent(E2E_TOKEN, out.stdout, out.stderr);
    for (const out of outputs) assertTokenAbsent('Qx9-Passw0rd-2026!', out.stdout, out.stderr);
    assertTokenAbsent('Qx9-Passw0rd-2026!', readFileSync(contextFile, 'utf8'));
  });
});
