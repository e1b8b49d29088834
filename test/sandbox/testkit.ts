// Test helpers: a raw node:http(s) client (so tests control every header, including a missing Content-Length),
// Link header parsing, and the optional path to the shared reference material.
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from './server.js';

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  text: string;
  json<T = unknown>(): T;
}

export interface CallOptions {
  body?: unknown;
  /** a raw body string sent as-is */
  rawBody?: string;
  headers?: Record<string, string>;
  /** send no Authorization header */
  noAuth?: boolean;
  /** send neither Content-Length nor a body */
  omitLength?: boolean;
  timeoutMs?: number;
}

export function call(sb: Pick<Sandbox, 'url' | 'token' | 'ca'>, method: string, pathAndQuery: string, opts: CallOptions = {}): Promise<Res> {
  const url = new URL(sb.url + pathAndQuery);
  const payload = opts.rawBody ?? (opts.body === undefined ? '' : JSON.stringify(opts.body));
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'sandbox-tests/1.0' };
  if (!opts.noAuth) headers.Authorization = `SSWS ${sb.token}`;
  const sendsBody = payload !== '' || method === 'POST' || method === 'PUT';
  if (sendsBody && !opts.omitLength) headers['Content-Length'] = String(Buffer.byteLength(payload));
  Object.assign(headers, opts.headers ?? {});
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method, headers, ...(sb.ca ? { ca: sb.ca } : {}), timeout: opts.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    if (payload !== '' && !opts.omitLength) req.write(payload);
    req.end();
  });
}

/** rel → URL from one or more Link headers. */
export function links(res: Res): Record<string, string> {
  const raw = res.headers.link;
  const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const out: Record<string, string> = {};
  for (const v of values.flatMap((h) => h.split(/,(?=\s*<)/))) {
    const m = /<([^>]+)>;\s*rel="([^"]+)"/.exec(v.trim());
    if (m?.[1] && m[2]) out[m[2]] = m[1];
  }
  return out;
}

/** The path + query of an absolute URL (to follow a next link through `call`). */
export function relative(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

export const q = encodeURIComponent;

export function headerCount(res: Res, name: string): number {
  let n = 0;
  for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]?.toLowerCase() === name.toLowerCase()) n++;
  return n;
}

/** `<repo>/../shared`, resolved from this file (test/sandbox → repo root → ..). */
export const SHARED_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): { path: string; exists: boolean } {
  const p = path.join(SHARED_DIR, ...parts);
  return { path: p, exists: existsSync(p) };
}

/**
 * One sandbox for a test file: started before the first test, closed after the last, and (unless `resetEach` is
 * false) reset to its seed before each test. The returned object forwards to the running sandbox.
 */
export function useSandbox(opts: SandboxOptions = {}, resetEach = true): Sandbox {
  let current: Sandbox | undefined;
  const get = (): Sandbox => {
    if (!current) throw new Error('sandbox not started yet');
    return current;
  };
  beforeAll(async () => {
    current = await startSandbox(opts);
  });
  afterAll(async () => {
    await current?.close();
  });
  if (resetEach) beforeEach(() => get().controls.reset());
  return {
    get url() {
      return get().url;
    },
    get token() {
      return get().token;
    },
    get ca() {
      return get().ca;
    },
    get controls() {
      return get().controls;
    },
    close: () => get().close(),
  };
}
