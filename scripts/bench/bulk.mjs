// Bulk throughput: the product and @okta/okta-sdk-nodejs doing the same listing against the same sandbox, each in
// its own process (interleaved rounds), compared on listing time, whole-process wall time and peak RSS. A bare
// node:http pager ("raw") runs alongside as the floor the sandbox allows.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { interleaved, median, ratio } from './stats.mjs';

const CHILDREN = {
  product: fileURLToPath(new URL('./children/list-product.cjs', import.meta.url)),
  sdk: fileURLToPath(new URL('./children/list-sdk.cjs', import.meta.url)),
  raw: fileURLToPath(new URL('./children/list-raw.cjs', import.meta.url)),
};
const CHILD_TIMEOUT_MS = 120_000;
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs one listing child; resolves its JSON line (error entries included) plus the wall time seen from here. */
export function runListing(client, sandbox, what, value) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CHILDREN[client], what, String(value)], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', OKTA_URL: sandbox.url, OKTA_API_TOKEN: sandbox.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${client} ${what} exited ${code}: ${err.trim().slice(0, 500)}`));
      resolve({ ...JSON.parse(out.trim().split('\n').pop()), wallMs });
    });
  });
}

function summarise(samples, expectedItems) {
  const out = {};
  for (const [client, runs] of Object.entries(samples)) {
    const failed = runs.find((r) => r.errors.length);
    if (failed) throw new Error(`${client} returned an error entry: ${failed.errors[0]}`);
    const wrong = runs.find((r) => r.items !== expectedItems);
    if (wrong) throw new Error(`${client} listed ${wrong.items} items, expected ${expectedItems}`);
    out[client] = {
      listMs: median(runs.map((r) => r.listMs)),
      wallMs: median(runs.map((r) => r.wallMs)),
      maxRssBytes: Math.max(...runs.map((r) => r.maxRssBytes)),
    };
  }
  return {
    ...out,
    floorRatio: out.raw ? ratio(out.product.listMs, out.raw.listMs) : Number.NaN,
    listRatio: ratio(out.product.listMs, out.sdk.listMs),
    wallRatio: ratio(out.product.wallMs, out.sdk.wallMs),
    rssRatio: ratio(out.product.maxRssBytes, out.sdk.maxRssBytes),
  };
}

/** `what` is 'logs' (value: limit) or 'members' (value: group id); `expectedItems` guards against a short listing. */
export async function compareListing(sandbox, what, value, expectedItems, rounds) {
  const samples = await interleaved(['product', 'sdk', 'raw'], rounds, (client) => runListing(client, sandbox, what, value));
  return { what, value, items: expectedItems, rounds, ...summarise(samples, expectedItems) };
}
