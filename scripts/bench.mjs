#!/usr/bin/env node
// Benchmarks (issue 8, and the cold-start / bundle figures of issue 2): request economy, cold start, bulk throughput
// against @okta/okta-sdk-nodejs, and rate-limited bulk, in one run against the sandbox. Never part of `npm test`.
//   npm run bench                 build both bundles, run, print, write bench/results/report.md (+ results.json)
//   npm run bench -- --publish    also copy the report to bench/REPORT.md and update the README's Performance section
//   npm run bench -- --quick      fewer rounds and no drained-window scenarios (for trying changes; ~30 s)
//   node scripts/bench.mjs --render [--publish]   re-render the report from bench/results/results.json, measuring nothing
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { compareListing } from './bench/bulk.mjs';
import { analyseBundle } from './bench/bundle.mjs';
import { firstRequestColdStart, helpColdStart } from './bench/coldstart.mjs';
import { finishRateLimitBench, startRateLimitBench } from './bench/ratelimit.mjs';
import { renderReadmeSection, renderReport, replacePerfSection } from './bench/report.mjs';
import { ROUND_TRIP_ORG, runRoundTrips } from './bench/roundtrips.mjs';
import { listAll, startSandbox } from './bench/sandbox.mjs';
import { judgeTargets } from './bench/targets.mjs';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const BULK_ORG = { users: 10_000, events: 51_000 };
const RATE_LIMIT_EVENTS = 5_200;

const flags = new Set(process.argv.slice(2));
const quick = flags.has('--quick');
const ROUNDS = quick ? { help: 10, firstByte: 10, bulk: 1, unthrottled: 1 } : { help: 21, firstByte: 15, bulk: 3, unthrottled: 3 };

const log = (message) => process.stdout.write(`${message}\n`);

function requireBuilt() {
  for (const file of ['dist/okta.js', 'dist/sandbox.js']) {
    if (!existsSync(root(file))) throw new Error(`${file} is missing: run \`npm run bench\` (it builds both bundles first).`);
  }
}

async function userIdOf(sandbox, login) {
  const [user] = await listAll(sandbox, `/api/v1/users?search=${encodeURIComponent(`profile.login eq "${login}"`)}`, 1);
  return user.id;
}

async function groupIdOf(sandbox, name) {
  const groups = await listAll(sandbox, `/api/v1/groups?search=${encodeURIComponent(`profile.name eq "${name}"`)}`, 1);
  return groups.find((g) => g.profile.name === name).id;
}

async function withSandbox(flagsForCli, fn) {
  const sandbox = await startSandbox(flagsForCli);
  try {
    return await fn(sandbox);
  } finally {
    await sandbox.stop();
  }
}

async function bulkPhase() {
  return withSandbox(['--users', String(BULK_ORG.users), '--events', String(BULK_ORG.events)], async (sandbox) => {
    await sandbox.unlimited();
    const members = await groupIdOf(sandbox, 'Generated Users');
    log('bulk: okta-get-logs limit=20000');
    const logs = await compareListing(sandbox, 'logs', 20_000, 20_000, ROUNDS.bulk);
    log('bulk: okta-get-group-members (10,000)');
    const group = await compareListing(sandbox, 'members', members, BULK_ORG.users, ROUNDS.bulk);
    log('bulk: okta-get-logs limit=50000 (peak RSS)');
    const rss50k = await compareListing(sandbox, 'logs', 50_000, 50_000, 1);
    return { bulk: [logs, group], rss50k };
  });
}

async function run() {
  requireBuilt();
  const started = Date.now();
  const results = {
    startedAt: new Date(started).toISOString(),
    node: process.version,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()}`,
  };
  const { execute } = createRequire(import.meta.url)(root('dist/okta.js'));

  log('bundle: size and metafile');
  results.bundle = await analyseBundle();

  const rateLimited = await startSandbox(['--events', String(RATE_LIMIT_EVENTS)]);
  try {
    log('rate limit: unthrottled runs, then a fresh 60/min window');
    const rateLimitState = await startRateLimitBench(rateLimited, ROUNDS.unthrottled);

    await withSandbox(['--users', String(ROUND_TRIP_ORG.users), '--events', String(ROUND_TRIP_ORG.events)], async (sandbox) => {
      log('round trips:');
      results.roundTrips = await runRoundTrips(sandbox, execute, { log });
      await sandbox.reset(ROUND_TRIP_ORG);
      log('cold start: --help');
      results.coldStart = { help: await helpColdStart(ROUNDS.help) };
      log('cold start: first request byte');
      results.coldStart.firstByte = await firstRequestColdStart(sandbox, await userIdOf(sandbox, 'jdoe@example.com'), ROUNDS.firstByte);
    });

    Object.assign(results, await bulkPhase());

    if (!quick) log('rate limit: a window with 2 calls left (waits for its reset)');
    results.rateLimit = await finishRateLimitBench({ ...rateLimitState, skipDrained: quick });
  } finally {
    await rateLimited.stop();
  }
  results.tookMs = Date.now() - started;
  return results;
}

function publish(results, report) {
  mkdirSync(root('bench/results'), { recursive: true });
  writeFileSync(root('bench/results/report.md'), report);
  writeFileSync(root('bench/results/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (!flags.has('--publish')) return ['bench/results/report.md'];
  writeFileSync(root('bench/REPORT.md'), report);
  const readme = readFileSync(root('README.md'), 'utf8');
  writeFileSync(root('README.md'), replacePerfSection(readme, renderReadmeSection(results)));
  return ['bench/results/report.md', 'bench/REPORT.md', 'README.md'];
}

try {
  const results = flags.has('--render') ? JSON.parse(readFileSync(root('bench/results/results.json'), 'utf8')) : await run();
  const report = renderReport(results);
  const written = publish(results, report);
  log('');
  for (const t of judgeTargets(results)) log(`${t.verdict.padEnd(6)} ${t.measure}: ${t.result} (target ${t.target})`);
  log(`\nwritten: ${written.join(', ')} (${Math.round(results.tookMs / 1000)} s)`);
  // keep-alive sockets of the in-process round trips would otherwise hold the process open
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
