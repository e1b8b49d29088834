// Small HTTP helpers shared by the route modules: per-request info, query access, limits, cursors and Link headers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { oktaError } from './errors.js';
import type { Store } from './store.js';

export type FaultKind = '500' | '503' | '429' | 'stall' | 'html' | 'truncated' | 'reset' | 'link-loop' | 'foreign-next' | 'foreign-poll';

export interface RequestInfo {
  requestId: string;
  fault?: FaultKind;
  /** this request's entry in the request log (API paths only), filled in as the request progresses */
  logEntry?: { status: number; body?: unknown };
}

const infos = new WeakMap<IncomingMessage, RequestInfo>();

export function setInfo(req: FastifyRequest, info: RequestInfo): void {
  infos.set(req.raw, info);
}

export function info(req: FastifyRequest): RequestInfo {
  let i = infos.get(req.raw);
  if (!i) infos.set(req.raw, (i = { requestId: 'unknown' }));
  return i;
}

/** What every route module gets: the org, the public origin, and the addresses used by foreign-origin faults. */
export interface RouteContext {
  store: Store;
  origin: string;
  foreignOrigin: string;
}

/** Fastify parses repeated keys into arrays; Okta reads one value per key, so keep the first. */
export function queryOf(req: FastifyRequest): Record<string, string> {
  const raw = (req.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

export function paramOf(req: FastifyRequest, name: string): string {
  const v = (req.params as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

/** The raw (still percent-encoded) path segment at `index` (0 = first segment after the leading slash). */
export function rawSegment(req: FastifyRequest, index: number): string {
  const path = (req.raw.url ?? '').split('?')[0] ?? '';
  return path.split('/')[index + 1] ?? '';
}

export function boolParam(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return value.toLowerCase() === 'true';
}

/** Users and groups clamp `limit` into [1, cap]; garbage falls back to the default. */
export function clampLimit(raw: string | undefined, fallback: number, cap: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1) return fallback;
  return Math.min(Math.floor(n), cap);
}

/** The query with `limit` replaced by the effective page size, first (as Okta's self links show it). */
export function withLimit(query: Record<string, string>, limit: number): Record<string, string> {
  const { limit: _ignored, ...rest } = query;
  return { limit: String(limit), ...rest };
}

/**
 * Walks `list` from index `start` in direction `step` until index `end` (exclusive), keeping matches up to `limit`;
 * `more` tells whether another match follows (so a full last page gets no `next` link).
 */
export function collectPage<T>(list: readonly T[], start: number, end: number, step: 1 | -1, keep: (item: T) => boolean, limit: number): { page: T[]; more: boolean } {
  const page: T[] = [];
  for (let i = start; step === 1 ? i < end : i > end; i += step) {
    const item = list[i] as T;
    if (!keep(item)) continue;
    if (page.length === limit) return { page, more: true };
    page.push(item);
  }
  return { page, more: false };
}

// ------------------------------------------------------------------------------------------------ cursors

/** Cursors are opaque to clients: a kind letter and a number, base64url-wrapped. */
export function encodeCursor(kind: string, n: number): string {
  return Buffer.from(`${kind}:${n}`).toString('base64url');
}

export function decodeCursor(raw: string | undefined, kind: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const m = /^([a-z]+):(\d+)$/.exec(text);
  if (!m || m[1] !== kind) throw oktaError(400, 'E0000029', 'Invalid paging request.', [`after: unrecognised cursor`]);
  return Number(m[2]);
}

// ------------------------------------------------------------------------------------------------ links

export function pageUrl(origin: string, path: string, params: Record<string, string>): string {
  const qs = new URLSearchParams(params).toString();
  return `${origin}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Sets `Link` headers: self always; next when `nextAfter` is given. The next link keeps every other query
 * parameter (except `dropFromNext`). Faults can make it loop (repeat the current cursor) or point at a foreign origin.
 */
export function setPageLinks(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: RouteContext,
  path: string,
  params: Record<string, string>,
  nextAfter: string | undefined,
  dropFromNext: readonly string[] = [],
): void {
  const fault = info(req).fault;
  const self = pageUrl(ctx.origin, path, params);
  const links = [`<${self}>; rel="self"`];
  if (fault === 'link-loop') {
    // exactly the URL just requested, cursor and all: a client that follows it gets this page again
    links.push(`<${ctx.origin}${req.raw.url ?? path}>; rel="next"`);
  } else if (nextAfter !== undefined) {
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (k !== 'after' && !dropFromNext.includes(k)) rest[k] = v;
    const origin = fault === 'foreign-next' ? ctx.foreignOrigin : ctx.origin;
    links.push(`<${pageUrl(origin, path, { after: nextAfter, ...rest })}>; rel="next"`);
  }
  reply.header('Link', links);
}
