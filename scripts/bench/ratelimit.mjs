// Rate-limited bulk: a 5,000-event okta-get-logs job under a System Log bucket of 60 requests per minute, timed
// against the ideal the bucket allows, with the 429s the sandbox sent and the ones the user saw (error entries).
//  A. a fresh window: 5 pages fit in 60, so the ideal is the unthrottled time;
//  B. a window half gone with 2 calls left (another job used the rest): the ideal spends those 2, waits for the
//     reset the headers announce, then fetches the remaining pages;
//  C. the same, but the other job used the bucket in the first second of the window, so the whole minute is left
//     to wait: the worst case a job can meet.
// A runs in `start()`; B needs the window to be half gone, so `finish()` runs it later in the bench and the wait is
// spent on the other benchmarks (it only ever sleeps for what is left of the 30 s).
import { setTimeout as sleep } from 'node:timers/promises';
import { runListing } from './bulk.mjs';
import { median } from './stats.mjs';

export const JOB_EVENTS = 5000;
export const BUCKET = { limit: 60, windowSeconds: 60 };
const PAGE = 1000;
const LEFT_FOR_THE_JOB = 2;
const DRAIN_AT_MS = 30_000;
const LATEST_DRAIN_MS = 45_000;

/** The ideal duration when `left` calls remain now and the rest must wait until `resetInMs`. */
export function idealMs({ unthrottledMs, requests, left, resetInMs }) {
  if (requests <= left) return unthrottledMs;
  return Math.max(0, resetInMs) + (unthrottledMs * (requests - left)) / requests;
}

async function job(sandbox) {
  const before = (await sandbox.stats()).sent429;
  const run = await runListing('product', sandbox, 'logs', JOB_EVENTS);
  const sent429 = (await sandbox.stats()).sent429 - before;
  const seen429 = run.errors.filter((e) => /429|rate limit/i.test(e)).length;
  return { ...run, sent429, seen429 };
}

/** Uses the bucket down to `left` calls with cheap bounded queries; returns the announced reset (epoch ms). */
async function drainTo(sandbox, left) {
  for (let i = 0; i < BUCKET.limit; i++) {
    const res = await sandbox.api('GET', `/api/v1/logs?limit=1&until=${encodeURIComponent(new Date().toISOString())}`);
    if (res.status !== 200) throw new Error(`draining the logs bucket answered ${res.status}`);
    if (Number(res.headers['x-rate-limit-remaining']) <= left) return Number(res.headers['x-rate-limit-reset']) * 1000;
  }
  throw new Error(`the logs bucket did not fall to ${left} calls left`);
}

/** A job that ended in an error entry has no meaningful time: its ratio is NaN. */
function verdict(run, ideal, extra = {}) {
  const ratio = run.errors.length ? Number.NaN : run.listMs / ideal;
  return { ...extra, listMs: run.listMs, idealMs: ideal, ratio, sent429: run.sent429, seen429: run.seen429, errors: run.errors };
}

/** Drains the bucket to LEFT_FOR_THE_JOB calls, runs the job, and judges it against the ideal. */
async function jobAfterDrain(state) {
  const resetAt = await drainTo(state.sandbox, LEFT_FOR_THE_JOB);
  const run = await job(state.sandbox);
  const resetInMs = resetAt - run.startedAtEpochMs;
  const ideal = idealMs({ unthrottledMs: state.unthrottledMs, requests: state.requests, left: LEFT_FOR_THE_JOB, resetInMs });
  return verdict(run, ideal, { resetInMs });
}

export async function startRateLimitBench(sandbox, rounds) {
  await sandbox.unlimited();
  const free = [];
  for (let i = 0; i < rounds; i++) free.push((await job(sandbox)).listMs);
  const unthrottledMs = median(free);
  const requests = Math.ceil(JOB_EVENTS / PAGE);
  await sandbox.rateLimit('logs', BUCKET.limit, BUCKET.windowSeconds);
  const windowStartedAt = Date.now();
  const fresh = await job(sandbox);
  const state = { sandbox, unthrottledMs, requests, windowStartedAt };
  state.fresh = verdict(fresh, idealMs({ unthrottledMs, requests, left: BUCKET.limit, resetInMs: 0 }));
  return state;
}

export async function finishRateLimitBench(state) {
  const { sandbox, unthrottledMs, requests } = state;
  const summary = { bucket: BUCKET, events: JOB_EVENTS, requests, unthrottledMs, fresh: state.fresh };
  if (state.skipDrained) return summary;
  if (Date.now() - state.windowStartedAt > LATEST_DRAIN_MS) {
    // The other benchmarks took longer than planned: start a new window rather than wait a whole one.
    await sandbox.rateLimit('logs', BUCKET.limit, BUCKET.windowSeconds);
    state.windowStartedAt = Date.now();
  }
  await sleep(Math.max(0, state.windowStartedAt + DRAIN_AT_MS - Date.now()));
  const drained = await jobAfterDrain(state);
  await sandbox.rateLimit('logs', BUCKET.limit, BUCKET.windowSeconds);
  const drainedEarly = await jobAfterDrain(state);
  return { ...summary, drained, drainedEarly };
}
