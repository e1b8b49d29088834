import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './cli';

function io(env: Record<string, string> = {}, isTTY = false) {
  const out = { stdout: '', stderr: '' };
  const value: CliIo = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env, isTTY };
  return { io: value, out };
}

const folder = () => mkdtempSync(join(tmpdir(), 'okta-cli-'));

describe('the context file is checked before the command runs', () => {
  it('refuses a context file whose folder does not exist (exit 2, nothing run)', async () => {
    const { io: cli, out } = io();
    expect(await runCli(['okta-nope', '--context', '/nonexistent-folder/c.json'], cli)).toBe(2);
    expect(out.stderr).toBe('The context file /nonexistent-folder/c.json cannot be written (check that its folder exists and is writable).\n');
    expect(out.stdout).toBe('');
  });

  it.each([['"str"'], ['[1,2]'], ['null']])('refuses a context file holding %s', async (content) => {
    const file = join(folder(), 'c.json');
    writeFileSync(file, content);
    const { io: cli, out } = io();
    expect(await runCli(['okta-nope', '--context', file], cli)).toBe(2);
    expect(out.stderr).toBe(`The context file ${file} must hold a JSON object.\n`);
  });

  it('names the file when it is not JSON', async () => {
    const file = join(folder(), 'c.json');
    writeFileSync(file, '{oops');
    const { io: cli, out } = io();
    expect(await runCli(['okta-nope', '--context', file], cli)).toBe(2);
    expect(out.stderr).toBe(`The context file ${file} cannot be used: it is not valid JSON (the error is at character 1).\n`);
  });

  it('leaves a valid context file untouched by an entry without context', async () => {
    const file = join(folder(), 'c.json');
    writeFileSync(file, '{"Account":{"ID":"00u1"}}');
    const { io: cli } = io();
    expect(await runCli(['okta-nope', '--context', file], cli)).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ Account: { ID: '00u1' } });
  });

  it('refuses a reference with several values for a one-value argument', async () => {
    const file = join(folder(), 'c.json');
    writeFileSync(file, '{"Account":[{"ID":"00u1"},{"ID":"00u2"}]}');
    const { io: cli, out } = io();
    expect(await runCli(['okta-suspend-user', 'userId=${Account.ID}', '--context', file], cli)).toBe(2);
    expect(out.stderr).toBe('Context reference ${Account.ID} resolves to 2 values (00u1, 00u2); "userId" takes one value.\n');
  });
});

describe('params from the environment and files', () => {
  it('refuses a switch that is not a boolean', async () => {
    const { io: cli, out } = io({ OKTA_INSECURE: 'maybe' });
    expect(await runCli(['okta-nope'], cli)).toBe(2);
    expect(out.stderr).toBe('OKTA_INSECURE="maybe" is not a boolean; use true or false.\n');
  });

  it('names a params file that is not JSON', async () => {
    const file = join(folder(), 'p.json');
    writeFileSync(file, `{"url":"x","credentials":{"password":'s3cret-token-value-42'}}`);
    const { io: cli, out } = io();
    expect(await runCli(['okta-nope', '--params', file], cli)).toBe(2);
    // Node's own message would quote the text around the error: the token.
    expect(out.stderr).toBe(`The params file ${file} cannot be used: it is not valid JSON.\n`);
  });

  it('accepts a params file saved with a byte-order mark', async () => {
    const file = join(folder(), 'p.json');
    writeFileSync(file, '\uFEFF{"url":"https://acme.okta.com"}');
    const { io: cli, out } = io();
    expect(await runCli(['okta-nope', '--params', file], cli)).toBe(1);
    expect(out.stderr).toBe('');
  });
});

describe('secrets on the command line', () => {
  it('never repeats a password in a usage error', async () => {
    const cases = [['!okta-set-password userId=00u1 password="Tr0ub4dor&3xyz'], ['okta-set-password', 'userId=00u1', 'password=', 'Hunter2Hunter2!']];
    for (const argv of cases) {
      const { io: cli, out } = io();
      expect(await runCli(argv, cli)).toBe(2);
      expect(out.stderr).not.toMatch(/Tr0ub4dor|Hunter2/);
    }
  });

  it('takes a password containing ${…} literally instead of resolving it', async () => {
    const { io: cli, out } = io();
    // No OKTA_URL: the command gets as far as the connection, proving the reference was not resolved (no error about it).
    expect(await runCli(['okta-set-password', 'userId=00u1', 'password=Ab${Secret.X}cd99!'], cli)).toBe(1);
    expect(out.stdout).toContain('The Okta URL parameter is empty');
    expect(out.stdout + out.stderr).not.toContain('Secret.X');
  });
});

describe('context references without a context', () => {
  it('says that --context is missing instead of "no value"', async () => {
    const { io: cli, out } = io();
    expect(await runCli(['okta-get-user', 'userId=${Account.ID}'], cli)).toBe(2);
    expect(out.stderr).toBe('"userId" refers to the context (${…}), but no --context FILE was given.\n');
  });
});

describe('help', () => {
  it('has help for test-module and answers the bare word help', async () => {
    const tm = io();
    expect(await runCli(['test-module', '--help'], tm.io)).toBe(0);
    expect(tm.out.stdout).toMatch(/^test-module: Checks the URL and API token/);
    const word = io();
    expect(await runCli(['help'], word.io)).toBe(0);
    expect(word.out.stdout).toContain('Commands:');
  });
  it('marks the argument that may be given without its name', async () => {
    const { io: cli, out } = io();
    expect(await runCli(['okta-search', '--help'], cli)).toBe(0);
    expect(out.stdout).toMatch(/ {2}term +.*\(required, may be given without its name\)/);
  });
});

describe('usage', () => {
  it('prints the command list with no command (exit 2) and with --help (exit 0)', async () => {
    const bare = io();
    expect(await runCli([], bare.io)).toBe(2);
    expect(bare.out.stdout).toContain('Commands:');
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
  });
  it('refuses an unknown option', async () => {
    const { io: cli, out } = io();
    expect(await runCli(['okta-search', '--verbose'], cli)).toBe(2);
    expect(out.stderr).toBe('Unknown option --verbose. Run with --help.\n');
  });
});

describe('progress for long listings', () => {
  const ORG = 'https://acme.okta.com';
  const env = { OKTA_URL: ORG, OKTA_API_TOKEN: 'cli-progress-token-1234' };
  const events = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ uuid: `e-${from + i}`, published: '2024-05-01T00:00:00.000Z', eventType: 'user.session.start' }));
  const mockTwoPages = () => {
    nock.disableNetConnect();
    nock(ORG)
      .get('/api/v1/logs')
      .query({ until: '2024-05-02T00:00:00.000Z', sortOrder: 'ASCENDING', limit: '1000' })
      .reply(200, events(0, 1000), { link: `<${ORG}/api/v1/logs?until=x&sortOrder=ASCENDING&limit=1000&after=c1>; rel="next"` })
      .get('/api/v1/logs')
      .query({ until: 'x', sortOrder: 'ASCENDING', limit: '1', after: 'c1' })
      .reply(200, events(1000, 1));
  };
  afterEach(() => nock.cleanAll());

  it('goes to stderr on a terminal, and is cleared before the result', async () => {
    mockTwoPages();
    const { io: cli, out } = io(env, true);
    expect(await runCli(['okta-get-logs', 'until=2024-05-02T00:00:00Z', 'limit=1001'], cli)).toBe(0);
    expect(out.stderr).toBe('\rFetched 1000 events…\u001b[K\r\u001b[K');
    expect(out.stdout).toContain('Showing the first 100 of 1001 rows; 901 more are in context.');
  });

  it('stays off stderr when it is not a terminal (a playbook step, a pipe)', async () => {
    mockTwoPages();
    const { io: cli, out } = io(env, false);
    expect(await runCli(['okta-get-logs', 'until=2024-05-02T00:00:00Z', 'limit=1001'], cli)).toBe(0);
    expect(out.stderr).toBe('');
  });
});
