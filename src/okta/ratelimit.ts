// Okta rate-limit headers → how long to wait. Measured against the response's Date header, never the local clock
// alone, so a skewed machine clock cannot make us hammer Okta or sleep for hours.

/** All integers in a header value; duplicated headers arrive comma-joined. */
function headerNumbers(value: string | undefined): number[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
}

export interface ResetInfo {
  /** When the window resets, in the server's clock. */
  resetAt: Date;
  /** Time until then, from the server's Date (0 when already past). */
  delayMs: number;
}

/**
 * Time until X-Rate-Limit-Reset, or undefined when the header is missing or unreadable. With duplicated headers
 * the latest reset counts: waiting for the earliest would likely just earn another 429.
 */
export function resetInfo(headers: Record<string, string>, localNow: number): ResetInfo | undefined {
  const resets = headerNumbers(headers['x-rate-limit-reset']);
  if (resets.length === 0) return undefined;
  const resetMs = Math.max(...resets) * 1000;
  const dateMs = Date.parse(headers['date'] ?? '');
  const serverNow = Number.isFinite(dateMs) ? dateMs : localNow;
  return { resetAt: new Date(resetMs), delayMs: Math.max(0, resetMs - serverNow) };
}

/** The smallest X-Rate-Limit-Remaining seen in the headers, or undefined. */
export function remainingCalls(headers: Record<string, string>): number | undefined {
  const values = headerNumbers(headers['x-rate-limit-remaining']);
  return values.length ? Math.min(...values) : undefined;
}

/** X-Rate-Limit-Limit: 0 marks a concurrency limit, whose Reset is only an estimate. */
export function isConcurrencyLimit(headers: Record<string, string>): boolean {
  const limits = headerNumbers(headers['x-rate-limit-limit']);
  return limits.length > 0 && limits.every((n) => n === 0);
}

/** Up to 1 s: the headers have 1-second resolution, and spreading wake-ups avoids a thundering herd. */
export function jitterMs(): number {
  return Math.floor(Math.random() * 1000);
}

/**
 * Date and X-Rate-Limit-Reset both have 1-second resolution and we add up to 1 s of jitter, so waiting out a
 * fresh 60 s window can measure 62 s. Without this slack a 60 s budget would refuse exactly the wait it exists for.
 */
export const HEADER_RESOLUTION_SLACK_MS = 2000;

/** The total time one call (one page of a listing) may spend waiting for rate limits. */
export class WaitBudget {
  private spent = 0;
  constructor(private readonly totalMs: number) {}

  get remainingMs(): number {
    return Math.max(0, this.totalMs - this.spent);
  }

  get limitMs(): number {
    return this.totalMs;
  }

  /** Reserves `ms` if it fits, returning whether it did. */
  take(ms: number): boolean {
    if (ms > this.remainingMs + HEADER_RESOLUTION_SLACK_MS) return false;
    this.spent += ms;
    return true;
  }
}
