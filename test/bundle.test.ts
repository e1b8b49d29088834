// The built bundle as users run it: alone in a folder, through each door, and never touching the network on bad input.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectProxy } from '../src/okta/test-support/servers';

const run = promisify(execFile);
const root = resolve(__dirname, '..');
const bundle = join(root, 'dist', 'okta.js');

interface Result { code: number; stdout: string; stderr: string }

async function node(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<Result> {
  const child = execFile(process.execPath, args, { cwd: options.cwd ?? root, env: { PATH: process.env['PATH'] ?? '', ...options.env }, timeout: 20_000 });
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? -1)));
  return { code, stdout, stderr };
}

let hits = 0;
let server: Server;
let serverUrl = '';

beforeAll(async () => {
  if (!existsSync(bundle)) await run(process.execPath, ['esbuild.config.mjs'], { cwd: root });
  server = createServer((request, response) => {
    hits++;
    response.writeHead(500).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('the bundle alone', () => {
  it('runs --help from an empty folder with nothing beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'okta-bundle-'));
    copyFileSync(bundle, join(folder, 'okta.js'));
    const result = await node(['okta.js', '--help'], { cwd: folder });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: node okta.js <command>');
    expect(result.stdout.match(/^ {2}okta-[a-z-]+ /gm)?.length).toBe(23);
    expect(result.stdout).toContain('  test-module');
  });

  it('shows one command\'s arguments from integration.yml', async () => {
    const result = await node([bundle, 'okta-get-logs', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^okta-get-logs: /);
    // The description already says "Default is ASCENDING", so the note gives only the choices.
    expect(result.stdout).toMatch(/sortOrder .*Default is ASCENDING\. \(one of ASCENDING\|DESCENDING\)/);
  });
});

describe('the War Room CLI door', () => {
  it('answers an unknown command with suggestions and exit code 1', async () => {
    const result = await node([bundle, 'okta-get-usr']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('Failed to execute okta-get-usr command.\nError:\nUnknown command "okta-get-usr". Did you mean: okta-get-user, okta-get-logs? Run with --help to list the commands.\n');
  });

  it.each([
    [['okta-search', 'term=x', 'limit=abc'], 'Invalid number: "limit"="abc"'],
    [['okta-get-user', 'userName=jdoe@example.com'], 'Unknown argument "userName" for okta-get-user. Did you mean "username"?'],
    [['!okta-get-logs since="garbage"'], 'Invalid date: "since"="garbage"'],
    [['okta-get-user', 'verbose=maybe', 'username=a'], 'Invalid boolean: "verbose"="maybe"'],
  ])('refuses %j with a named message and sends no request', async (args, message) => {
    const before = hits;
    const result = await node([bundle, ...args], { env: { OKTA_URL: serverUrl, OKTA_API_TOKEN: 'cli-secret-token-123' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(message);
    expect(hits).toBe(before);
    expect(result.stdout + result.stderr).not.toContain('cli-secret-token-123');
  });

  it('exits 2 on a malformed command line', async () => {
    const result = await node([bundle, 'okta-search term="unterminated']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unterminated " quote');
  });
});

describe('the stdin door', () => {
  it('writes one JSON document of entries and exits 0 even for an error entry', async () => {
    const result = await node([bundle, '--stdin'], { input: JSON.stringify({ command: 'okta-nope', args: {}, params: {} }) });
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as { entries: Array<{ Type: number; Contents: string }> };
    expect(document.entries).toHaveLength(1);
    expect(document.entries[0]?.Type).toBe(4);
    expect(document.entries[0]?.Contents).toMatch(/^Failed to execute okta-nope command\.\nError:\nUnknown command "okta-nope"/);
  });

  it('takes the params from OKTA_* variables when the request has none, and lets the request override them', async () => {
    const before = hits;
    const fromEnv = await node([bundle, '--stdin'], { input: '{"command":"test-module"}', env: { OKTA_URL: serverUrl, OKTA_API_TOKEN: 'stdin-env-token-1234' } });
    expect(JSON.parse(fromEnv.stdout).entries[0].Contents).toMatch(/^Okta API error 500/);
    expect(hits).toBe(before + 1);
    const overridden = await node([bundle, '--stdin'], {
      input: JSON.stringify({ command: 'test-module', params: { url: 'not a url' } }),
      env: { OKTA_URL: serverUrl, OKTA_API_TOKEN: 'stdin-env-token-1234' },
    });
    expect(JSON.parse(overridden.stdout).entries[0].Contents).toMatch(/^Failed to execute test-module command\.\nError:\nThe Okta URL parameter/);
    expect(hits).toBe(before + 1);
  });

  it.each(['not json', '[]', '{"args":{}}', '{"command":"okta-search","args":"x"}'])('exits 2 for the malformed request %s', async (input) => {
    const result = await node([bundle, '--stdin'], { input });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Malformed request on stdin: /);
  });
});

describe('the host-object door and the library', () => {
  it('reports through demisto.results() when a host injects demisto', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'okta-host-')), 'host.js');
    writeFileSync(
      script,
      `const results = [];
       globalThis.demisto = { params: () => ({}), args: () => ({ limit: 'x' }), command: () => 'okta-search', results: (r) => results.push(r), debug() {} };
       require(${JSON.stringify(bundle)});
       setTimeout(() => { process.stdout.write(JSON.stringify(results)); }, 500);`,
    );
    const result = await node([script]);
    const reported = JSON.parse(result.stdout) as Array<{ Type: number; Contents: string }>;
    expect(reported).toHaveLength(1);
    expect(reported[0]?.Type).toBe(4);
    expect(reported[0]?.Contents).toContain('Missing required argument "term"');
  });

  it('exports execute() without running the CLI', async () => {
    const result = await node(['-e', `require(${JSON.stringify(bundle)}).execute({ command: 'okta-nope' }).then((e) => process.stdout.write(String(e[0].Type)))`]);
    expect(result.stdout).toBe('4');
    expect(result.code).toBe(0);
  });
});

describe('the bundle\'s HTTP stack (axios with the build-time stand-ins for fetch, follow-redirects and debug)', () => {
  it('reaches Okta through a CONNECT proxy when proxy is on, and prints nothing extra with DEBUG=*', async () => {
    const okta = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ id: '00u1', status: 'ACTIVE', profile: { login: 'admin@example.com' } }));
    });
    await new Promise<void>((done) => okta.listen(0, '127.0.0.1', done));
    const proxy = await connectProxy();
    try {
      const url = `http://127.0.0.1:${(okta.address() as AddressInfo).port}`;
      const result = await node([bundle, 'test-module'], {
        env: { OKTA_URL: url, OKTA_API_TOKEN: 'proxy-token-123456', OKTA_PROXY: 'true', HTTP_PROXY: proxy.url, DEBUG: '*' },
      });
      expect(result).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
      expect(proxy.tunnels).toEqual([url.replace('http://', '')]);
    } finally {
      await proxy.close();
      await new Promise<void>((done) => okta.close(() => done()));
    }
  });

  it('does not load Node\'s fetch stack (undici) for a request', async () => {
    const script = `const before = new Set(process.moduleLoadList);
      require(${JSON.stringify(bundle)}).execute({ command: 'okta-get-user', args: { userId: '00u1' }, params: { url: ${JSON.stringify(serverUrl)}, credentials: { password: 'abcd1234abcd' } } })
        .then(() => process.stdout.write(process.moduleLoadList.filter((m) => !before.has(m) && /undici|worker_threads/.test(m)).join(',')));`;
    const result = await node(['-e', script]);
    expect(result.stdout).toBe('');
  });
});

describe('nothing is left open', () => {
  it('the CLI exits when its time is up even if a proxy never answers CONNECT', async () => {
    const silent = createTcpServer((socket) => socket.on('data', () => {}));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    try {
      const proxyUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      const result = await node([bundle, 'test-module'], {
        env: { OKTA_URL: 'https://127.0.0.1:9', OKTA_API_TOKEN: 'hang-token-123456', OKTA_PROXY: 'true', HTTPS_PROXY: proxyUrl, OKTA_TIMEOUT: '1' },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^Okta did not answer GET \/api\/v1\/users\/me within 1 s/);
      // Bounded by the timeout, not by the 20 s the helper allows.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.close();
    }
  });

  it('the library closes each command\'s sockets (a long-lived host does not run out of descriptors)', async () => {
    const script = `const fs = require('fs');
      const { execute } = require(${JSON.stringify(bundle)});
      const params = { url: ${JSON.stringify(serverUrl)}, credentials: { password: 'fd-token-123456' } };
      (async () => {
        await execute({ command: 'test-module', params });
        const start = fs.readdirSync('/proc/self/fd').length;
        for (let i = 0; i < 40; i++) await execute({ command: 'test-module', params });
        process.stdout.write(String(fs.readdirSync('/proc/self/fd').length - start));
      })();`;
    const result = await node(['-e', script]);
    expect(Number(result.stdout)).toBeLessThanOrEqual(2);
  });
});
