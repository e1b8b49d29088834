// integration.yml declares each command's context outputs; playbooks are built on them. Every path a command
// actually writes (run through the built bundle against the sandbox) must be declared, so nothing a playbook
// sees is undocumented. Raw Okta objects (log events, a factor's profile) are declared by their roots.
import { describe, expect, it } from 'vitest';
import { manifest } from '../../src/runtime/manifest';
import { only, runLibrary, useSandbox } from './support';

const sb = useSandbox({ resetEachTest: true });

/** Dotted leaf paths of a context value, arrays flattened as DT paths are (`Account.Group.ID`). */
function pathsOf(prefix: string, value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) pathsOf(prefix, item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) pathsOf(`${prefix}.${key}`, inner, out);
  } else {
    out.add(prefix);
  }
  return out;
}

/** Outputs whose values are Okta's own objects, passed through as they are. */
const RAW_ROOTS = ['Okta.Logs.Events', 'Account.Factor.Profile'];

function undeclared(command: string, entryContext: Record<string, unknown>): string[] {
  const declared = new Set((manifest.script.commands.find((c) => c.name === command)?.outputs ?? []).map((o) => o.contextPath));
  const written = Object.entries(entryContext).flatMap(([key, value]) => [...pathsOf(key.replace(/\(.*\)$/, ''), value)]);
  const covered = (path: string) => declared.has(path) || RAW_ROOTS.some((root) => path.startsWith(`${root}.`) && [...declared].some((d) => d.startsWith(root)));
  return written.filter((path) => !covered(path));
}

const id = (login: string) => sb().controls.state.userByLogin(login)!.id;
const factorOf = (login: string, type: string) => sb().controls.state.factorsOf(id(login)).find((f) => f.factorType === type)!.id;

const CASES: Array<[string, () => Record<string, unknown>]> = [
  ['okta-unlock-user', () => ({ username: 'locked.user@example.com' })],
  ['okta-deactivate-user', () => ({ username: 'jdoe@example.com' })],
  ['okta-activate-user', () => ({ username: 'staged.user@example.com' })],
  ['okta-suspend-user', () => ({ username: 'jdoe@example.com' })],
  ['okta-unsuspend-user', () => ({ username: 'suspended.user@example.com' })],
  ['okta-get-user-factors', () => ({ username: 'jdoe@example.com' })],
  ['okta-verify-push-factor', () => ({ userId: id('jdoe@example.com'), factorId: factorOf('jdoe@example.com', 'push'), interval_seconds: '1', timeout_seconds: '10' })],
  ['okta-get-groups', () => ({ username: 'asmith@example.com' })],
  ['okta-set-password', () => ({ username: 'jdoe@example.com', password: 'Outputs-Passw0rd!', temporary_password: 'true' })],
  ['okta-search', () => ({ term: 'John' })],
  ['okta-get-user', () => ({ username: 'jdoe@example.com', verbose: 'true' })],
  ['okta-create-user', () => ({ firstName: 'Out', lastName: 'Put', email: 'out.put@example.com', login: 'out.put@example.com', manager: 'Ada Admin' })],
  ['okta-update-user', () => ({ username: 'jdoe@example.com', title: 'Lead' })],
  ['okta-list-groups', () => ({})],
  ['okta-get-group-members', () => ({ groupName: 'Engineering' })],
  ['okta-get-logs', () => ({ limit: '50' })],
  ['okta-get-failed-logins', () => ({})],
  ['okta-get-group-assignments', () => ({})],
  ['okta-get-application-assignments', () => ({})],
  ['okta-get-application-authentication', () => ({})],
];

describe('every context path a command writes is declared in integration.yml', () => {
  it('covers every command that declares outputs', () => {
    const withOutputs = manifest.script.commands.filter((c) => (c.outputs ?? []).length > 0).map((c) => c.name).sort();
    expect(CASES.map(([name]) => name).sort()).toEqual(withOutputs);
  });

  it.each(CASES)('%s', async (command, args) => {
    const entry = only(await runLibrary(sb(), command, args()));
    expect(entry.Type, String(entry.Contents)).toBe(1);
    expect(entry.EntryContext, `${command} wrote no context`).toBeDefined();
    expect(undeclared(command, entry.EntryContext ?? {})).toEqual([]);
  });
});
