// The same commands through every door of the built bundle — War Room CLI, JSON over stdin, a host object that
// injects `demisto` — give what the library door gives, and the token shows in none of their outputs or logs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, accountOf, note, result, userTable } from './expected';
import {
  BUNDLE, E2E_TOKEN, assertTokenAbsent, runCli, runHost, runLibrary, runProcess, runStdin, scratchDir, useSandbox,
  type Entry, type Sandbox,
} from './support';

const sb = useSandbox();

/** What the CLI prints for entries: each entry's markdown (or error text), ending in a newline, blank-line separated. */
function printed(entries: readonly Entry[]): string {
  return entries
    .map((e) => {
      const text = e.Type === 4 ? String(e.Contents) : e.HumanReadable ?? String(e.Contents ?? '');
      return text.endsWith('\n') ? text : `${text}\n`;
    })
    .join('\n');
}

interface Case {
  command: string;
  /** the arguments, from the sandbox's (freshly reset) state when they need ids */
  args(sandbox: Sandbox): Record<string, string>;
  requests: number;
  error?: true;
  /** scripts the sandbox after each reset */
  prepare?(sandbox: Sandbox): void;
}

const idOf = (sandbox: Sandbox, login: string): string => sandbox.controls.state.userByLogin(login)!.id;
const factorOf = (sandbox: Sandbox, login: string, type: string): string =>
  sandbox.controls.state.factorsOf(idOf(sandbox, login)).find((f) => f.factorType === type)!.id;
const fixed = (args: Record<string, string>) => (): Record<string, string> => args;

/** Every command once (and test-module, a note and an argument error): the doors must not differ on any of them. */
const CASES: Case[] = [
  { command: 'test-module', args: fixed({}), requests: 1 },
  { command: 'okta-unlock-user', args: fixed({ username: 'locked.user@example.com' }), requests: 2 },
  { command: 'okta-deactivate-user', args: fixed({ username: 'jane.doe@example.com' }), requests: 2 },
  { command: 'okta-activate-user', args: fixed({ username: 'staged.user@example.com' }), requests: 2 },
  { command: 'okta-suspend-user', args: fixed({ username: 'asmith@example.com' }), requests: 2 },
  { command: 'okta-unsuspend-user', args: fixed({ username: 'suspended.user@example.com' }), requests: 2 },
  { command: 'okta-get-user-factors', args: fixed({ username: 'jdoe@example.com' }), requests: 2 },
  {
    command: 'okta-verify-push-factor',
    args: (s) => ({ userId: idOf(s, 'jdoe@example.com'), factorId: factorOf(s, 'jdoe@example.com', 'push'), interval_seconds: '1', timeout_seconds: '10' }),
    // answered at the first poll, so each door waits one interval only
    prepare: (s) => s.controls.pushOutcome(factorOf(s, 'jdoe@example.com', 'push'), 'SUCCESS', 0),
    requests: 3,
  },
  { command: 'okta-reset-factor', args: (s) => ({ username: 'jdoe@example.com', factorId: factorOf(s, 'jdoe@example.com', 'sms') }), requests: 2 },
  { command: 'okta-get-groups', args: fixed({ username: 'asmith@example.com' }), requests: 2 },
  { command: 'okta-set-password', args: fixed({ username: 'jdoe@example.com', password: 'Vw3-Passw0rd-2026!', temporary_password: 'true' }), requests: 3 },
  { command: 'okta-search', args: fixed({ term: 'doe' }), requests: 1 },
  { command: 'okta-get-user', args: fixed({ username: 'zoë.müller@example.com' }), requests: 1 },
  { command: 'okta-get-user', args: fixed({ username: 'nobody@example.com' }), requests: 1 },
  { command: 'okta-create-user', args: fixed({ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', login: 'ann@example.com', title: 'Analyst' }), requests: 1 },
  { command: 'okta-update-user', args: fixed({ username: 'jdoe@example.com', title: 'CTO' }), requests: 2 },
  { command: 'okta-get-failed-logins', args: fixed({ limit: '3', sortOrder: 'DESCENDING' }), requests: 1 },
  { command: 'okta-get-group-assignments', args: fixed({ limit: '2' }), requests: 1 },
  { command: 'okta-get-application-assignments', args: fixed({ limit: '2' }), requests: 1 },
  { command: 'okta-get-application-authentication', args: fixed({ limit: '2', since: '2026-02-28T00:00:00Z', until: '2026-03-01T00:00:00Z' }), requests: 1 },
  { command: 'okta-add-to-group', args: fixed({ username: 'jane.doe@example.com', groupName: 'Engineering' }), requests: 3 },
  { command: 'okta-remove-from-group', args: fixed({ username: 'jdoe@example.com', groupName: 'Engineering' }), requests: 3 },
  { command: 'okta-get-logs', args: fixed({ filter: 'eventType eq "user.session.start" and outcome.result eq "SUCCESS"', limit: '2' }), requests: 1 },
  { command: 'okta-list-groups', args: fixed({ query: 'Eng' }), requests: 1 },
  { command: 'okta-get-group-members', args: fixed({ groupName: 'Engineering', verbose: 'true' }), requests: 2 },
  { command: 'okta-search', args: fixed({ term: 'doe', limit: '0' }), requests: 0, error: true },
];

describe.each(CASES)('$command through each door', ({ command, args: argsOf, requests, error, prepare }) => {
  let expected: Entry[];
  let args: Record<string, string>;
  /** The War Room line after the command name: one shell word per argument, as an analyst would quote it. */
  let words: string[];

  const fresh = (): void => {
    sb().controls.reset();
    prepare?.(sb());
  };

  beforeEach(async () => {
    fresh();
    args = argsOf(sb());
    words = Object.entries(args).map(([name, value]) => `${name}=${value}`);
    const library = await runLibrary(sb(), command, args);
    expected = library.entries;
    expect(expected.some((e) => e.Type === 4)).toBe(error ?? false);
    expect(sb().controls.requests()).toHaveLength(requests);
    fresh();
  });

  it('stdin: one JSON document with the same entries, exit 0', async () => {
    const { result: proc, entries } = await runStdin(sb(), command, args);
    expect(proc.code).toBe(0);
    expect(entries).toEqual(expected);
    expect(sb().controls.requests()).toHaveLength(requests);
    assertTokenAbsent(E2E_TOKEN, proc.stdout, proc.stderr);
  });

  it('host object: demisto.results() receives the same entries (the bare "ok" for test-module)', async () => {
    const host = await runHost(sb(), command, args);
    expect(host.results).toEqual(command === 'test-module' ? ['ok'] : expected);
    expect(sb().controls.requests()).toHaveLength(requests);
    assertTokenAbsent(E2E_TOKEN, host.result.stdout, host.result.stderr);
  });

  it('War Room CLI: the markdown on stdout, exit 1 only for an error, --json gives the entries', async () => {
    const cli = await runCli(sb(), [command, ...words]);
    expect(cli.stdout).toBe(printed(expected));
    expect(cli.code).toBe(error ? 1 : 0);
    fresh();
    const json = await runCli(sb(), [command, ...words, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(expected);
    assertTokenAbsent(E2E_TOKEN, cli.stdout, cli.stderr, json.stdout, json.stderr);
  });
});

describe('door specifics', () => {
  it('test-module through the CLI prints ok and exits 0', async () => {
    expect(await runCli(sb(), ['test-module'])).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('a whole War Room line in one string, with the ! and quotes, is the same command', async () => {
    const jdoe = sb().controls.state.userByLogin('jdoe@example.com')!;
    const cli = await runCli(sb(), ['!okta-get-user username="jdoe@example.com"']);
    expect(cli).toMatchObject({ code: 0, stdout: userTable('Okta user: jdoe@example.com', [jdoe]) });
  });

  it('a positional value goes to the default argument (username of the lifecycle commands)', async () => {
    const cli = await runCli(sb(), ['okta-unlock-user', 'locked.user@example.com']);
    expect(cli.code).toBe(0);
    expect(sb().controls.state.userByLogin('locked.user@example.com')?.status).toBe('ACTIVE');
  });

  it('--params FILE instead of variables; OKTA_DEBUG logs each request to stderr without the token', async () => {
    const file = join(scratchDir('params'), 'params.json');
    writeFileSync(file, JSON.stringify({ url: sb().url, credentials: { password: sb().token } }));
    const cli = await runProcess(process.execPath, [BUNDLE, 'okta-search', 'term=doe', '--params', file], { env: { OKTA_DEBUG: 'true' } });
    const does = [sb().controls.state.userByLogin('jdoe@example.com')!, sb().controls.state.userByLogin('jane.doe@example.com')!];
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(userTable('Okta users found', does));
    expect(cli.stderr).toMatch(/^\[debug\] Okta GET \/api\/v1\/users\?q=doe&limit=200 -> 200 \[requestId [\w-]+\]$/m);
    assertTokenAbsent(E2E_TOKEN, cli.stdout, cli.stderr);
  });

  it('the stdin door and the library give the same Account context for the same user', async () => {
    const jdoe = sb().controls.state.userByLogin('jdoe@example.com')!;
    const { entries } = await runStdin(sb(), 'okta-get-user', { userId: jdoe.id });
    expect(entries).toEqual([result(userTable('Okta user: jdoe@example.com', [jdoe]), { [ACCOUNT_KEY]: [accountOf(jdoe)] }, jdoe)]);
    const missing = await runStdin(sb(), 'okta-get-user', { username: 'ghost@example.com' });
    expect(missing.entries).toEqual([note("User 'ghost@example.com' was not found in Okta.")]);
  });
});
