// Rate-limit buckets (Okta's per-endpoint-family limits) and scripted faults, both consulted on every API request.
import type { FaultKind } from './http.js';

export type BucketName = 'users' | 'user' | 'user-write' | 'groups' | 'group' | 'logs' | 'other';

/** Defaults sized like a Workforce org (okta-api.md §7): high enough that ordinary tests never hit them. */
export const DEFAULT_LIMITS: Record<BucketName, number> = {
  users: 600,
  user: 2000,
  'user-write': 600,
  groups: 500,
  group: 1000,
  logs: 120,
  other: 1200,
};

/**
 * Which bucket a request counts against. Exact paths first, then the nearest prefix, as Okta matches them; the
 * sub-resources of a user and of a group (lifecycle, factors, members) fall into the write / collection buckets,
 * as the recorded limits show (600 for factors and lifecycle, 500 for group members).
 */
export function bucketOf(method: string, path: string): BucketName {
  const p = path.replace(/\/+$/, '');
  if (p === '/api/v1/users') return 'users';
  if (/^\/api\/v1\/users\/[^/]+$/.test(p)) return method === 'GET' ? 'user' : 'user-write';
  if (p.startsWith('/api/v1/users/')) return 'user-write';
  if (p === '/api/v1/groups') return 'groups';
  if (/^\/api\/v1\/groups\/[^/]+$/.test(p)) return 'group';
  if (p.startsWith('/api/v1/groups/')) return 'groups';
  if (p === '/api/v1/logs' || p.startsWith('/api/v1/logs/')) return 'logs';
  return 'other';
}

interface Bucket {
  limit: number;
  windowMs: number;
  startedAt: number;
  used: number;
}

export interface BucketState {
  limit: number;
  remaining: number;
  /** Milliseconds (real time) until the window resets. */
  resetInMs: number;
  allowed: boolean;
}

export class RateLimits {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly realNow: () => number = Date.now) {
    this.reset();
  }

  reset(): void {
    this.buckets.clear();
    for (const [name, limit] of Object.entries(DEFAULT_LIMITS)) this.set(name, limit, 60);
  }

  set(name: string, limit: number, windowSeconds = 60): void {
    this.buckets.set(name, { limit, windowMs: windowSeconds * 1000, startedAt: this.realNow(), used: 0 });
  }

  limitOf(name: string): number {
    return this.buckets.get(name)?.limit ?? DEFAULT_LIMITS.other;
  }

  /** Counts one request against the bucket (when `consume`), rolling the window first when it has elapsed. */
  take(name: string, consume = true): BucketState {
    let b = this.buckets.get(name);
    if (!b) {
      this.set(name, DEFAULT_LIMITS.other);
      b = this.buckets.get(name) as Bucket;
    }
    const now = this.realNow();
    if (now - b.startedAt >= b.windowMs) {
      b.startedAt = now;
      b.used = 0;
    }
    const allowed = b.used < b.limit;
    if (allowed && consume) b.used++;
    return { limit: b.limit, remaining: Math.max(0, b.limit - b.used), resetInMs: b.startedAt + b.windowMs - now, allowed };
  }
}

export interface FaultSpec {
  method?: string;
  path: string;
  count?: number;
  kind: FaultKind;
  stallMs?: number;
}

interface ArmedFault {
  method?: string;
  re: RegExp;
  remaining: number;
  kind: FaultKind;
  stallMs: number;
}

export const FAULT_KINDS: readonly FaultKind[] = ['500', '503', '429', 'stall', 'html', 'truncated', 'reset', 'link-loop', 'foreign-next', 'foreign-poll'];

export class Faults {
  private armed: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    this.armed.push({
      ...(spec.method ? { method: spec.method.toUpperCase() } : {}),
      re: new RegExp(spec.path),
      remaining: spec.count ?? 1,
      kind: spec.kind,
      stallMs: spec.stallMs ?? 120_000,
    });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault matching the request, consumed by one. */
  take(method: string, path: string): { kind: FaultKind; stallMs: number } | undefined {
    const f = this.armed.find((a) => a.remaining > 0 && (!a.method || a.method === method) && a.re.test(path));
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.armed = this.armed.filter((a) => a !== f);
    return { kind: f.kind, stallMs: f.stallMs };
  }
}
