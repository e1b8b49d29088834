// The CLI: argument parsing, and the bundled entry printing exactly its two lines, serving, and stopping on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from './cli.js';
import { call } from './testkit.js';

describe('parseArgs', () => {
  it('reads every flag', () => {
    expect(parseArgs(['--port', '8080', '--https', '--seed', 'empty', '--users', '10', '--events', '20', '--token', 'tok'])).toEqual({
      port: 8080, https: true, seed: 'empty', users: 10, events: 20, token: 'tok',
    });
    expect(parseArgs([])).toEqual({});
  });

  it.each([
    [['--seed', 'full'], '--seed must be demo or empty'],
    [['--port'], '--port needs a value'],
    [['--users', '-3'], '--users needs a non-negative integer'],
    [['--token', '--https'], '--token needs a value'],
    [['--verbose'], 'unknown argument: --verbose'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

const repo = path.resolve(import.meta.dirname, '..', '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'okta-sandbox-cli-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('bundled CLI', () => {
  it('prints the URL and token, serves, and exits 0 on SIGTERM', async () => {
    const outfile = path.join(outDir, 'sandbox.cjs');
    // the same options as esbuild.config.mjs --sandbox, written elsewhere so dist/ is left to the real build
    await build({ entryPoints: [path.join(repo, 'test/sandbox/cli.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', packages: 'external', logLevel: 'warning' });
    const child = spawn(process.execPath, [outfile, '--port', '0', '--seed', 'empty', '--token', 'cli-test-token'], {
      env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner within 15 s; stderr: ${err}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.split('\n').length >= 3) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`exited early (${String(code)}): ${err}`)));
      });
      const lines = out.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^Okta sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toBe('API token: cli-test-token');
      const url = (lines[0] as string).replace('Okta sandbox listening on ', '');
      const res = await call({ url, token: 'cli-test-token' }, 'GET', '/api/v1/users/me');
      expect(res.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
