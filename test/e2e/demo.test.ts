// `npm run demo` end to end: the scripted War Room session runs against a sandbox child process, prints each
// command line and its markdown, and leaves no process listening when it exits.
import { connect } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN } from '../sandbox/server';
import { ROOT, ensureBundle, ensureSandboxBundle, runProcess, type ProcessResult } from './support';

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe('npm run demo (scripts/demo.mjs)', () => {
  let demo: ProcessResult;

  beforeAll(async () => {
    await ensureBundle();
    await ensureSandboxBundle();
    demo = await runProcess(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], { timeoutMs: 90_000 });
  }, 120_000);

  it('exits 0 after about ten commands, each printed with its markdown', () => {
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    const commands = demo.stdout.match(/^\$ node dist\/okta\.js \S+/gm) ?? [];
    expect(commands.map((line) => line.split(' ')[3])).toEqual([
      'test-module', 'okta-get-user', 'okta-search', 'okta-get-user-factors', 'okta-verify-push-factor', 'okta-get-user-factors',
      'okta-verify-push-factor', 'okta-create-user', 'okta-add-to-group', 'okta-get-group-members', 'okta-get-logs',
      'okta-get-failed-logins', 'okta-get-group-members',
    ]);
    expect(demo.stdout).toContain('$ node dist/okta.js test-module\nok\n');
    expect(demo.stdout).not.toContain('!! unexpected exit code');
  });

  it('covers users, groups, a push John approves and one Alice rejects, and the log of the new user', () => {
    expect(demo.stdout).toMatch(/^\| 00u\w+ \| jdoe@example\.com \| John Doe \| jdoe@example\.com \| ACTIVE \| /m);
    expect(demo.stdout).toMatch(/^Verify push factor result for user 00u\w+: SUCCESS$/m);
    expect(demo.stdout).toMatch(/^Verify push factor result for user 00u\w+: REJECTED$/m);
    expect(demo.stdout).toMatch(/^User '00u\w+' was added to group 'Engineering' \(or already was a member: Okta answers the same\)\.$/m);
    expect(demo.stdout).toMatch(/\| Create Okta user \| SUCCESS \|.*\| Ann Lee \(User\) \|\n.*\| Add user to group membership \| SUCCESS \|.*\| Ann Lee \(User\)<br>Engineering \(UserGroup\) \|\n/);
    expect(demo.stdout).toContain("Several Okta groups are named 'Contractors'");
    expect(demo.stdout).toContain("$ node dist/okta.js okta-add-to-group 'userId=${Account.ID}' groupName=Engineering --context playbook.json\n");
  });

  it('stops the sandbox: its port refuses connections, and the token was never printed', async () => {
    const port = Number(/^Sandbox stopped; port (\d+) is closed\.$/m.exec(demo.stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(demo.stdout).toMatch(new RegExp(`^Okta sandbox \\(demo org\\) on http://127\\.0\\.0\\.1:${port}$`, 'm'));
    expect(await refusesConnections(port)).toBe(true);
    expect(demo.stdout).not.toContain(DEFAULT_TOKEN);
  });
});
