// `npm run demo`: a scripted War Room session against the built-in Okta sandbox. It starts dist/sandbox.js on an
// ephemeral loopback port, runs about ten commands through the built dist/okta.js exactly as an analyst would
// type them, prints each command line and its markdown, then stops the sandbox and checks that its port is closed.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'dist', 'okta.js');
const SANDBOX = join(ROOT, 'dist', 'sandbox.js');
const START_TIMEOUT_MS = 15_000;
const COMMAND_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts the sandbox and resolves once it printed its URL and token. */
function startSandbox() {
  const child = spawn(process.execPath, [SANDBOX, '--port', '0', '--seed', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const url = /Okta sandbox listening on (\S+)/.exec(output)?.[1];
      const token = /API token: (\S+)/.exec(output)?.[1];
      if (!url || !token) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolvePromise({ child, url, token });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (code ${code}) before it was ready:\n${output}`));
    });
  });
}

function stopSandbox(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

/** Resolves true when nothing accepts connections on the port any more. */
function portClosed(port) {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(false);
    });
    socket.once('error', () => resolvePromise(true));
  });
}

/** Shows an argument the way it would be typed in a shell (quoted when it has spaces or quotes). */
function shellWord(word) {
  return /^[\w@.,=/:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function okta(env, cwd, words) {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [BUNDLE, ...words], { cwd, env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** The user and push factor ids from the Account.Factor list a get-user-factors run wrote to a fresh context. */
function pushFactorOf(contextFile) {
  const account = JSON.parse(readFileSync(contextFile, 'utf8')).Account;
  const factor = [account?.Factor ?? []].flat().find((f) => f.FactorType === 'push');
  if (!factor) throw new Error(`no push factor in ${contextFile}`);
  return { userId: account.ID, factorId: factor.ID };
}

/** Runs in `work`, so the context files are named as an analyst would name them. */
async function session(env, work) {
  const factorsFile = 'factors.json';
  const playbookFile = 'playbook.json';
  let failures = 0;
  const step = async (words, { expectError = false } = {}) => {
    const shown = words.map(shellWord).join(' ');
    process.stdout.write(`$ node dist/okta.js ${shown}\n`);
    const result = await okta(env, work, words);
    process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
    if (result.stderr.trim()) process.stdout.write(result.stderr.replace(/^/gm, '  (stderr) '));
    process.stdout.write('\n');
    if ((result.code !== 0) !== expectError) {
      failures++;
      process.stdout.write(`!! unexpected exit code ${result.code}\n\n`);
    }
    return result;
  };

  await step(['test-module']);
  await step(['okta-get-user', 'username=jdoe@example.com']);
  await step(['okta-search', 'term=doe']);

  // Factors: a push John approves, and one Alice rejects (the sandbox's scripted answers).
  rmSync(join(work, factorsFile), { force: true });
  await step(['okta-get-user-factors', 'username=jdoe@example.com', '--context', factorsFile]);
  const john = pushFactorOf(join(work, factorsFile));
  await step(['okta-verify-push-factor', `userId=${john.userId}`, `factorId=${john.factorId}`, 'interval_seconds=1', 'timeout_seconds=30']);
  rmSync(join(work, factorsFile), { force: true });
  await step(['okta-get-user-factors', 'username=asmith@example.com', '--context', factorsFile]);
  const alice = pushFactorOf(join(work, factorsFile));
  await step(['okta-verify-push-factor', `userId=${alice.userId}`, `factorId=${alice.factorId}`, 'interval_seconds=1', 'timeout_seconds=30']);

  // A small playbook: the new user's id travels through the context file as ${Account.ID}.
  await step(['okta-create-user', 'firstName=Ann', 'lastName=Lee', 'email=ann.lee@example.com', 'login=ann.lee@example.com', 'department=Engineering', '--context', playbookFile]);
  await step(['okta-add-to-group', 'userId=${Account.ID}', 'groupName=Engineering', '--context', playbookFile]);
  await step(['okta-get-group-members', 'groupName=Engineering']);
  await step(['okta-get-logs', 'filter=target.id eq "${Account.ID}"', '--context', playbookFile]);
  await step(['okta-get-failed-logins', 'limit=3', 'sortOrder=DESCENDING']);
  // Group names are exact: two groups share this one, so the command asks for an id instead of guessing.
  await step(['okta-get-group-members', 'groupName=Contractors'], { expectError: true });
  return failures;
}

async function main() {
  for (const file of [BUNDLE, SANDBOX]) {
    if (!existsSync(file)) {
      process.stderr.write(`${file} is missing: run "npm run demo" (it builds both bundles first).\n`);
      return 2;
    }
  }
  const { child, url, token } = await startSandbox();
  const port = Number(new URL(url).port);
  const work = mkdtempSync(join(tmpdir(), 'okta-demo-'));
  process.stdout.write(`Okta sandbox (demo org) on ${url}\n\n`);
  let failures = 1;
  try {
    failures = await session({ PATH: process.env.PATH ?? '', OKTA_URL: url, OKTA_API_TOKEN: token }, work);
  } finally {
    await stopSandbox(child);
    rmSync(work, { recursive: true, force: true });
  }
  const closed = await portClosed(port);
  process.stdout.write(`Sandbox stopped; port ${port} ${closed ? 'is closed' : 'is STILL OPEN'}.\n`);
  if (!closed) return 1;
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
