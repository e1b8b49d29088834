import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './cli';

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const value: CliIo = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env, isTTY: false };
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
    expect(out.stderr).toMatch(new RegExp(`^The context file ${file} is not valid JSON: `));
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
    writeFileSync(file, 'url=x');
    const { io: cli, out } = io();
    expect(await runCli(['okta-nope', '--params', file], cli)).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`^The params file ${file} is not valid JSON: `));
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
