// One Okta sandbox (dist/sandbox.js) in its own process, so its CPU never counts against the client being measured,
// and a small client for its /__sandbox/ controls.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const SANDBOX_JS = fileURLToPath(new URL('../../dist/sandbox.js', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const CONTROL_TIMEOUT_MS = 30_000;

/** Buckets raised so far that a benchmark never meets them (the rate-limit benchmark sets its own). */
export const UNLIMITED = 1_000_000;
const BUCKETS = ['users', 'user', 'user-write', 'groups', 'group', 'logs', 'other'];

/** Plain HTTP on loopback; resolves { status, headers, text }. */
export function httpCall(url, { method = 'GET', headers = {}, body } = {}) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const sendsLength = payload !== '' || method === 'POST' || method === 'PUT';
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(sendsLength ? { 'Content-Length': Buffer.byteLength(payload) } : {}), ...headers },
        timeout: CONTROL_TIMEOUT_MS,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${method} ${new URL(url).pathname} within ${CONTROL_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Starts `node dist/sandbox.js` with the given CLI flags and waits for its "listening on" line.
 * Resolves a handle: { url, token, pid, api(), control(), requests(), clearRequests(), reset(), rateLimit(), stats(), stop() }.
 */
export async function startSandbox(flags = []) {
  const child = spawn(process.execPath, [SANDBOX_JS, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { url, token } = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`the sandbox did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(error);
    };
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const listening = /listening on (\S+)/.exec(out);
      const tokenLine = /API token: (\S+)/.exec(out);
      if (listening && tokenLine) {
        clearTimeout(timer);
        resolve({ url: listening[1], token: tokenLine[1] });
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => fail(new Error(`the sandbox exited (${code}) before listening: ${err.trim()}`)));
  });
  child.removeAllListeners('exit');
  const auth = { Authorization: `SSWS ${token}` };

  const control = async (method, path, body) => {
    const res = await httpCall(`${url}/__sandbox/${path}`, { method, headers: auth, body });
    if (res.status >= 300) throw new Error(`sandbox control ${method} ${path} answered ${res.status}: ${res.text.slice(0, 200)}`);
    return res.text ? JSON.parse(res.text) : undefined;
  };
  /** A raw Okta API call, for set-up and for the reference counts; never recorded as the product's. */
  const api = async (method, pathAndQuery, body) => {
    const res = await httpCall(`${url}${pathAndQuery}`, { method, headers: auth, body });
    return { ...res, json: () => JSON.parse(res.text) };
  };

  return {
    url,
    token,
    pid: child.pid,
    api,
    control,
    requests: () => control('GET', 'requests'),
    clearRequests: () => control('DELETE', 'requests'),
    reset: (opts = {}) => control('POST', 'reset', opts),
    rateLimit: (bucket, limit, windowSeconds = 60) => control('POST', 'rate-limits', { bucket, limit, windowSeconds }),
    unlimited: async () => {
      for (const bucket of BUCKETS) await control('POST', 'rate-limits', { bucket, limit: UNLIMITED, windowSeconds: 60 });
    },
    pushOutcome: (factorId, outcome, afterPolls = 1) => control('POST', 'push-outcome', { factorId, outcome, afterPolls }),
    stats: () => control('GET', 'stats'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Every element of a paged sandbox listing (following rel="next" up to `maxPages`), for reference counts. */
export async function listAll(sandbox, pathAndQuery, maxPages = 500) {
  const items = [];
  let next = pathAndQuery;
  for (let page = 0; next && page < maxPages; page++) {
    const res = await sandbox.api('GET', next);
    if (res.status !== 200) throw new Error(`GET ${next} answered ${res.status}: ${res.text.slice(0, 200)}`);
    const batch = res.json();
    items.push(...batch);
    if (batch.length === 0) break;
    const link = [res.headers.link ?? []].flat().join(', ');
    const href = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
    next = href ? href.slice(sandbox.url.length) : undefined;
  }
  return items;
}
