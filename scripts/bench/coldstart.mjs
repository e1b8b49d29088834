// Cold start, as ratios of medians: `node dist/okta.js --help` against `node -e 0`, and process start → first
// request byte at the sandbox for okta-get-user against a minimal node:https script sending the same request.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startRelay } from './relay.mjs';
import { interleaved, median, ratio } from './stats.mjs';

const BUNDLE = fileURLToPath(new URL('../../dist/okta.js', import.meta.url));
const MINIMAL_GET = fileURLToPath(new URL('./children/minimal-get.cjs', import.meta.url));
const LOADED_MODULES = fileURLToPath(new URL('./children/loaded-modules.cjs', import.meta.url));
const CHILD_TIMEOUT_MS = 30_000;

/** Spawns node with `args`; resolves { startedAt, exitedAt, code, stderr }. stdout is discarded. */
function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ startedAt, exitedAt: performance.now(), code, stderr });
    });
  });
}

const cleanEnv = (extra = {}) => ({ PATH: process.env.PATH ?? '', ...extra });

async function wallMs(args) {
  const run = await runNode(args, cleanEnv());
  if (run.code !== 0) throw new Error(`node ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
  return run.exitedAt - run.startedAt;
}

/** The node built-ins a process loads (through the loaded-modules preload); of the `internal/` ones only bundled deps (undici …). */
async function builtinsLoaded(args, env = cleanEnv()) {
  const file = join(mkdtempSync(join(tmpdir(), 'okta-bench-')), 'modules.txt');
  await runNode(['-r', LOADED_MODULES, ...args], { ...env, BENCH_MODULES_FILE: file });
  return readFileSync(file, 'utf8').split('\n').filter((m) => m !== '' && (!m.startsWith('internal/') || m.startsWith('internal/deps/')));
}

/** Built-ins `args` loads that `baselineArgs` does not: what the product's code path pulls in beyond the minimum. */
export async function extraBuiltins(args, baselineArgs, env) {
  const [loaded, baseline] = await Promise.all([builtinsLoaded(args, env), builtinsLoaded(baselineArgs, env)]);
  return loaded.filter((m) => !baseline.includes(m));
}

export async function helpColdStart(rounds) {
  const variants = { baseline: ['-e', '0'], help: [BUNDLE, '--help'] };
  const samples = await interleaved(Object.keys(variants), rounds, (name) => wallMs(variants[name]));
  return {
    rounds,
    baselineMs: median(samples.baseline),
    helpMs: median(samples.help),
    ratio: ratio(median(samples.help), median(samples.baseline)),
    extraBuiltins: await extraBuiltins(variants.help, variants.baseline),
  };
}

/** Time from spawn to the first request byte at the relay; the child must then exit 0. */
async function firstByteMs(relay, args, env) {
  const firstByte = relay.waitForFirstByte();
  const exit = runNode(args, env);
  const winner = await Promise.race([firstByte.then((at) => ({ at })), exit.then((run) => ({ run }))]);
  const run = await exit;
  if (run.code !== 0 || winner.run) throw new Error(`node ${args.join(' ')} exited ${run.code} ${winner.run ? 'before sending a request' : ''}: ${run.stderr.trim()}`);
  // runNode stamps startedAt just before spawn(); the relay stamps the byte on arrival, both on this clock.
  return winner.at - run.startedAt;
}

export async function firstRequestColdStart(sandbox, userId, rounds) {
  const relay = await startRelay(sandbox.url);
  try {
    const env = cleanEnv({ OKTA_URL: relay.url, OKTA_API_TOKEN: sandbox.token, NODE_EXTRA_CA_CERTS: relay.caFile });
    const variants = {
      baseline: [MINIMAL_GET, relay.url, userId],
      product: [BUNDLE, 'okta-get-user', `userId=${userId}`],
    };
    // One unmeasured run each: the first TLS handshake of the relay and the sandbox's first route hit are warm-ups.
    for (const args of Object.values(variants)) await firstByteMs(relay, args, env);
    const samples = await interleaved(Object.keys(variants), rounds, (name) => firstByteMs(relay, variants[name], env));
    return {
      rounds,
      extraBuiltins: await extraBuiltins(variants.product, variants.baseline, env),
      baselineMs: median(samples.baseline),
      productMs: median(samples.product),
      ratio: ratio(median(samples.product), median(samples.baseline)),
    };
  } finally {
    await relay.close();
  }
}
