// Shared plumbing of the end-to-end tests: the BUILT bundle (built once if missing), the sandbox on an ephemeral
// loopback port with a frozen clock (so every seeded id and timestamp is the same on each run), and the doors
// through which users run the bundle: the library (in-process), the War Room CLI, JSON over stdin, a host object.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Entry } from '../../src/runtime/entry';
import { startSandbox, type RecordedRequest, type Sandbox, type SandboxOptions } from '../sandbox/server';

export type { Entry, RecordedRequest, Sandbox };

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'okta.js');

/** Long and distinctive, so a leak anywhere in an output is found by a plain substring search. */
export const E2E_TOKEN = 'e2e-Tok3n-9f2c1a7be04d-never-printed';

/** The sandbox's clock: every seeded timestamp is relative to this instant. */
export const FROZEN_NOW = new Date('2026-03-02T12:00:00.000Z');
export const frozenClock = (): Date => new Date(FROZEN_NOW.getTime());

export const SANDBOX_BUNDLE = join(ROOT, 'dist', 'sandbox.js');

const BUILD_WAIT_MS = 60_000;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Builds `file` with `args` (run in the repository) when it is missing. Test files run in parallel workers, so one
 * worker builds (holding a mkdir lock) while the others wait for it; nobody reads a half-written bundle.
 */
async function ensureBuilt(file: string, args: readonly string[]): Promise<void> {
  const lock = `${file}.e2e-build.lock`;
  if (existsSync(file) && !existsSync(lock)) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  let holder = false;
  try {
    mkdirSync(lock);
    holder = true;
  } catch {
    // another worker is building
  }
  if (holder) {
    try {
      if (!existsSync(file)) await runProcess(process.execPath, args, { cwd: ROOT, timeoutMs: BUILD_WAIT_MS });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  for (let waited = 0; existsSync(lock) && waited < BUILD_WAIT_MS; waited += 100) await sleep(100);
  if (!existsSync(file)) throw new Error(`${file} was not built`);
}

/** dist/okta.js, built by esbuild.config.mjs if missing. */
export function ensureBundle(): Promise<void> {
  return ensureBuilt(BUNDLE, ['esbuild.config.mjs']);
}

/** dist/sandbox.js (the sandbox CLI the demo starts), built alone so dist/okta.js is never rewritten under a reader. */
export function ensureSandboxBundle(): Promise<void> {
  return ensureBuilt(SANDBOX_BUNDLE, ['--input-type=module', '-e', "await (await import('./esbuild.config.mjs')).buildSandbox()"]);
}

// ---- the sandbox ----------------------------------------------------------------------------------------------

export function startE2eSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ seed: 'demo', token: E2E_TOKEN, now: frozenClock, ...opts });
}

/**
 * One sandbox for the test file (the bundle built first if missing), closed after it, and by default reset to the
 * demo seed before each test. Returns the accessor the tests use: `sb().controls…`.
 */
export function useSandbox(options: { resetEachTest?: boolean } = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    await ensureBundle();
    sandbox = await startE2eSandbox();
  });
  afterAll(() => sandbox?.close());
  if (options.resetEachTest ?? true) beforeEach(() => sandbox?.controls.reset());
  return () => {
    if (!sandbox) throw new Error('the sandbox is not running (useSandbox hooks have not run)');
    return sandbox;
  };
}

export interface OktaParams {
  url: string;
  credentials: { password: string };
}

export function paramsFor(sandbox: Pick<Sandbox, 'url' | 'token'>): OktaParams {
  return { url: sandbox.url, credentials: { password: sandbox.token } };
}

/** The sandbox's request log as `METHOD /path?query` lines (query in the order it was sent). */
export function requestLines(requests: readonly RecordedRequest[]): string[] {
  return requests.map((r) => {
    const qs = new URLSearchParams(r.query).toString();
    return `${r.method} ${r.path}${qs ? `?${qs}` : ''}`;
  });
}

export function mutations(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method !== 'GET');
}

// ---- the library door (in-process) ------------------------------------------------------------------------------

export interface LogLines {
  debug: string[];
  info: string[];
  error: string[];
}

export interface BundleExecute {
  execute(
    request: { command: string; args?: Record<string, unknown>; params?: Record<string, unknown> },
    hooks?: { log?: { debug?(m: string): void; info?(m: string): void; error?(m: string): void }; sleep?(ms: number): Promise<void> },
  ): Promise<Entry[]>;
}

let loaded: BundleExecute | undefined;

/** `require('dist/okta.js')`: the built bundle, as a SOAR host or another program would load it. */
export function bundleLibrary(): BundleExecute {
  loaded ??= createRequire(import.meta.url)(BUNDLE) as BundleExecute;
  return loaded;
}

export interface LibraryRun {
  entries: Entry[];
  logs: LogLines;
}

/** Runs one command through the bundle's execute(), keeping every log line it wrote (debug included). */
export async function runLibrary(sandbox: Pick<Sandbox, 'url' | 'token'>, command: string, args: Record<string, unknown> = {}, params?: Record<string, unknown>): Promise<LibraryRun> {
  const logs: LogLines = { debug: [], info: [], error: [] };
  const entries = await bundleLibrary().execute(
    { command, args, params: params ?? { ...paramsFor(sandbox) } },
    { log: { debug: (m) => logs.debug.push(m), info: (m) => logs.info.push(m), error: (m) => logs.error.push(m) } },
  );
  return { entries, logs };
}

/** The only entry of a run (the commands produce one each). */
export function only(run: LibraryRun | Entry[]): Entry {
  const entries = Array.isArray(run) ? run : run.entries;
  if (entries.length !== 1) throw new Error(`expected one entry, got ${entries.length}: ${JSON.stringify(entries).slice(0, 500)}`);
  return entries[0]!;
}

// ---- child processes (CLI, stdin, host object) -----------------------------------------------------------------

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

export function runProcess(file: string, args: readonly string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const child = execFile(file, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 32 * 1024 * 1024,
  });
  child.stdin?.end(options.input ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.on('close', (exit, signal) => done({ code: exit ?? (signal ? -1 : 0), stdout, stderr })));
}

export function sandboxEnv(sandbox: Pick<Sandbox, 'url' | 'token'>): Record<string, string> {
  return { OKTA_URL: sandbox.url, OKTA_API_TOKEN: sandbox.token };
}

/** `node dist/okta.js <words...>` with the sandbox in OKTA_URL / OKTA_API_TOKEN. */
export function runCli(sandbox: Pick<Sandbox, 'url' | 'token'>, words: readonly string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [BUNDLE, ...words], { env: { ...sandboxEnv(sandbox), ...env } });
}

/** `node dist/okta.js --stdin` with one JSON request; resolves to its entries. */
export async function runStdin(sandbox: Pick<Sandbox, 'url' | 'token'>, command: string, args: Record<string, unknown> = {}): Promise<{ result: ProcessResult; entries: Entry[] }> {
  const input = JSON.stringify({ command, args, params: paramsFor(sandbox) });
  const result = await runProcess(process.execPath, [BUNDLE, '--stdin'], { input });
  const parsed = result.code === 0 ? (JSON.parse(result.stdout) as { entries: Entry[] }) : { entries: [] };
  return { result, entries: parsed.entries };
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `okta-e2e-${prefix}-`));
}

// A host that injects `demisto` (params/args/command/results, debug/info/error) and loads the bundle; it prints
// what demisto.results() received and every log line once the bundle is done.
const HOST_SCRIPT = `
const fs = require('node:fs');
const request = JSON.parse(process.env.E2E_HOST_REQUEST);
const results = [];
const logs = [];
process.on('exit', () => fs.writeSync(1, JSON.stringify({ results, logs })));
globalThis.demisto = {
  params: () => request.params,
  args: () => request.args,
  command: () => request.command,
  results: (r) => results.push(r),
  debug: (m) => logs.push(m),
  info: (m) => logs.push(m),
  error: (m) => logs.push(m),
};
require(process.env.E2E_BUNDLE);
`;

let hostScript: string | undefined;

export interface HostRun {
  result: ProcessResult;
  results: unknown[];
  logs: string[];
}

export async function runHost(sandbox: Pick<Sandbox, 'url' | 'token'>, command: string, args: Record<string, unknown> = {}): Promise<HostRun> {
  if (!hostScript) {
    hostScript = join(scratchDir('host'), 'host.js');
    writeFileSync(hostScript, HOST_SCRIPT);
  }
  const request = JSON.stringify({ command, args, params: paramsFor(sandbox) });
  const result = await runProcess(process.execPath, [hostScript], { env: { E2E_HOST_REQUEST: request, E2E_BUNDLE: BUNDLE } });
  const parsed = JSON.parse(result.stdout || '{"results":[],"logs":[]}') as { results: unknown[]; logs: string[] };
  return { result, ...parsed };
}

// ---- checks -----------------------------------------------------------------------------------------------------

/** Throws when the token (or its URL-encoded form) appears in any of the texts. */
export function assertTokenAbsent(token: string, ...outputs: unknown[]): void {
  const forms = [token, encodeURIComponent(token)];
  for (const output of outputs) {
    const text = typeof output === 'string' ? output : JSON.stringify(output) ?? '';
    for (const form of forms) if (text.includes(form)) throw new Error(`the API token appears in an output: …${text.slice(Math.max(0, text.indexOf(form) - 80), text.indexOf(form))}…`);
  }
}
