// The same commands through every door of the built bundle — War Room CLI, JSON over stdin, a host object that
// injects `demisto` — give what the library door gives, and the token shows in none of their outputs or logs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, accountOf, note, result, userTable } from './expected';
import {
  BUNDLE, E2E_TOKEN, assertTokenAbsent, requestLines, runCli, runHost, runLibrary, runProcess, runStdin, scratchDir, useSandbox,
  type Entry,
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
  name: string;
  command: string;
  args: Record<string, string>;
  /** the War Room line, as an analyst types it after the command name */
  words: string[];
  requests: number;
}

const CASES: Case[] = [
  { name: 'a read by login', command: 'okta-get-user', args: { username: 'jdoe@example.com' }, words: ['username=jdoe@example.com'], requests: 1 },
  { name: 'a listing', command: 'okta-list-groups', args: { query: 'Eng' }, words: ['query=Eng'], requests: 1 },
  { name: 'a note', command: 'okta-get-user', args: { username: 'nobody@example.com' }, words: ['username=nobody@example.com'], requests: 1 },
  { name: 'a mutation', command: 'okta-suspend-user', args: { username: 'asmith@example.com' }, words: ['username=asmith@example.com'], requests: 2 },
  { name: 'a log query', command: 'okta-get-failed-logins', args: { limit: '3', sortOrder: 'DESCENDING' }, words: ['limit=3', 'sortOrder=DESCENDING'], requests: 1 },
  { name: 'an argument error', command: 'okta-search', args: { term: 'doe', limit: '0' }, words: ['term=doe', 'limit=0'], requests: 0 },
];

describe.each(CASES)('$name ($command) through each door', ({ command, args, words, requests }) => {
  let expected: Entry[];

  beforeEach(async () => {
    const library = await runLibrary(sb(), command, args);
    expected = library.entries;
    expect(sb().controls.requests()).toHaveLength(requests);
    sb().controls.reset();
  });

  it('stdin: one JSON document with the same entries, exit 0', async () => {
    const { result: proc, entries } = await runStdin(sb(), command, args);
    expect(proc.code).toBe(0);
    expect(entries).toEqual(expected);
    expect(sb().controls.requests()).toHaveLength(requests);
    assertTokenAbsent(E2E_TOKEN, proc.stdout, proc.stderr);
  });

  it('host object: demisto.results() receives the same entries', async () => {
    const host = await runHost(sb(), command, args);
    expect(host.results).toEqual(expected);
    expect(sb().controls.requests()).toHaveLength(requests);
    assertTokenAbsent(E2E_TOKEN, host.result.stdout, host.result.stderr);
  });

  it('War Room CLI: the markdown on stdout, exit 1 only for an error, --json gives the entries', async () => {
    const cli = await runCli(sb(), [command, ...words]);
    expect(cli.stdout).toBe(printed(expected));
    expect(cli.code).toBe(expected.some((e) => e.Type === 4) ? 1 : 0);
    sb().controls.reset();
    const json = await runCli(sb(), [command, ...words, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(expected);
    assertTokenAbsent(E2E_TOKEN, cli.stdout, cli.stderr, json.stdout, json.stderr);
  });
});

describe('door specifics', () => {
  it('test-module: the host gets the bare string ok, the CLI prints ok, stdin the ok entry', async () => {
    const host = await runHost(sb(), 'test-module');
    expect(host.results).toEqual(['ok']);
    const cli = await runCli(sb(), ['test-module']);
    expect(cli).toMatchObject({ code: 0, stdout: 'ok\n' });
    const stdin = await runStdin(sb(), 'test-module');
    expect(stdin.entries).toEqual([{ Type: 1, ContentsFormat: 'text', Contents: 'ok', HumanReadable: 'ok' }]);
    expect(requestLines(sb().controls.requests())).toEqual(['GET /api/v1/users/me', 'GET /api/v1/users/me', 'GET /api/v1/users/me']);
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
