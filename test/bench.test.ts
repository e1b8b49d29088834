// The benchmark's own logic (npm run bench is never part of npm test): the minimum request counts it judges the
// product by, the scenario table against integration.yml, the target verdicts and notes, the report and README
// section, the metafile arithmetic, the built-in diff and the TLS relay that stamps the first request byte.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
// @ts-expect-error plain ESM script without type declarations; the shape is pinned by the interfaces below
import * as untypedRoundTrips from '../scripts/bench/roundtrips.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedStats from '../scripts/bench/stats.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedRateLimit from '../scripts/bench/ratelimit.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedBundle from '../scripts/bench/bundle.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedTargets from '../scripts/bench/targets.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedReport from '../scripts/bench/report.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedColdStart from '../scripts/bench/coldstart.mjs';
// @ts-expect-error plain ESM script without type declarations
import * as untypedRelay from '../scripts/bench/relay.mjs';

interface Scenario {
  command: string;
  variant: string;
  args(refs: Record<string, unknown>): Record<string, unknown>;
}
interface ScenarioResult {
  command: string;
  variant: string;
  why: string;
  minimum: number;
  actual: number;
  ratio: number;
  extra: number;
  requests: string[];
  errors: string[];
}
const roundTrips = untypedRoundTrips as {
  logRequestsMinimum(q: { matching: number; limit: number; polling: boolean }): number;
  memberRequestsMinimum(members: number, limit?: number): number;
  judge(minimum: number, requests: unknown[]): { minimum: number; actual: number; ratio: number; extra: number };
  scenarios(now?: Date): Scenario[];
};
const stats = untypedStats as {
  median(values: number[]): number;
  interleaved<T>(names: string[], rounds: number, fn: (name: string, round: number) => Promise<T>): Promise<Record<string, T[]>>;
};
const rateLimit = untypedRateLimit as { idealMs(q: { unthrottledMs: number; requests: number; left: number; resetInMs: number }): number };
interface Metafile {
  inputs: Record<string, { imports: { path: string }[] }>;
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}
const bundle = untypedBundle as {
  packageOf(input: string): string;
  bytesByPackage(inputs: Metafile['outputs'][string]['inputs']): { name: string; bytes: number }[];
  bytesAddedBy(dependency: string, metafile: Metafile, entry: string): number;
};
interface TargetRow {
  key: string;
  measure: string;
  result: string;
  target: string;
  met: boolean;
  verdict: string;
}
const targets = untypedTargets as {
  judgeTargets(results: unknown): TargetRow[];
  missedNotes(rows: TargetRow[], results: unknown): { measure: string; note: string }[];
};
const report = untypedReport as {
  renderReport(results: unknown): string;
  renderReadmeSection(results: unknown): string;
  replacePerfSection(readme: string, section: string): string;
  PERF_START: string;
  PERF_END: string;
};
const coldStart = untypedColdStart as { extraBuiltins(args: string[], baselineArgs: string[], env?: Record<string, string>): Promise<string[]> };
const relayModule = untypedRelay as {
  startRelay(target: string): Promise<{ url: string; caFile: string; waitForFirstByte(): Promise<number>; close(): Promise<void> }>;
};

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const MiB = 1024 * 1024;

describe('minimum request counts', () => {
  it.each([
    // [matching, limit, polling, minimum]
    [3199, 100, true, 1],
    [20000, 20000, true, 20],
    [40, 100, true, 2],
    [0, 100, true, 1],
    [2000, 5000, true, 3],
    [3200, 100000, false, 4],
    [1000, 5000, false, 1],
    [0, 100, false, 1],
  ])('logs: %i matching, limit %i, polling %s → %i', (matching, limit, polling, minimum) => {
    expect(roundTrips.logRequestsMinimum({ matching, limit, polling })).toBe(minimum);
  });

  it('members: pages of 1,000, at least one page, a limit caps them', () => {
    expect([2500, 2000, 1, 0].map((n) => roundTrips.memberRequestsMinimum(n))).toEqual([3, 2, 1, 1]);
    expect(roundTrips.memberRequestsMinimum(2500, 5)).toBe(1);
  });

  it('judges a scenario by its count', () => {
    expect(roundTrips.judge(2, ['a', 'b', 'c'])).toEqual({ minimum: 2, actual: 3, ratio: 1.5, extra: 1 });
    expect(roundTrips.judge(1, ['a'])).toEqual({ minimum: 1, actual: 1, ratio: 1, extra: 0 });
  });
});

describe('the scenario table', () => {
  const manifest = YAML.parse(readFileSync(path.join(repoRoot, 'integration.yml'), 'utf8')) as {
    script: { commands: { name: string; arguments?: { name: string }[] }[] };
  };
  const all = roundTrips.scenarios(new Date('2026-01-01T00:00:00Z'));

  it('covers every command of integration.yml, and test-module', () => {
    const names = manifest.script.commands.map((c) => c.name);
    expect(names).toHaveLength(23);
    expect(new Set(all.map((s) => s.command))).toEqual(new Set(['test-module', ...names]));
  });

  it('runs a command by id and by name whenever it takes both userId and username', () => {
    const both = manifest.script.commands.filter((c) => {
      const args = (c.arguments ?? []).map((a) => a.name);
      return args.includes('userId') && args.includes('username');
    });
    expect(both.length).toBeGreaterThan(10);
    for (const command of both) {
      const variants = all.filter((s) => s.command === command.name).map((s) => s.variant);
      expect(variants.some((v) => v.startsWith('by id')), command.name).toBe(true);
      expect(variants.some((v) => v.startsWith('by name')), command.name).toBe(true);
    }
  });

  it('gives the product the same ISO range it counts the events with', () => {
    const bounded = all.find((s) => s.variant === 'bounded since/until, all events');
    expect(bounded?.args({})).toEqual({ since: '2025-12-24T00:00:00.000Z', until: '2026-01-01T01:00:00.000Z', limit: '100000' });
  });
});

describe('stats and the rate-limit ideal', () => {
  it('medians', () => {
    expect(stats.median([3, 1, 2])).toBe(2);
    expect(stats.median([4, 1, 3, 2])).toBe(2.5);
    expect(stats.median([])).toBeNaN();
  });

  it('interleaves the variants round by round', async () => {
    const calls: string[] = [];
    const samples = await stats.interleaved(['a', 'b'], 2, async (name, round) => {
      calls.push(`${name}${round}`);
      return round;
    });
    expect(calls).toEqual(['a0', 'b0', 'a1', 'b1']);
    expect(samples).toEqual({ a: [0, 1], b: [0, 1] });
  });

  it('ideal: unthrottled when the calls left suffice; otherwise the reset plus the pages after it', () => {
    expect(rateLimit.idealMs({ unthrottledMs: 200, requests: 5, left: 60, resetInMs: 40_000 })).toBe(200);
    expect(rateLimit.idealMs({ unthrottledMs: 200, requests: 5, left: 2, resetInMs: 30_000 })).toBe(30_120);
    expect(rateLimit.idealMs({ unthrottledMs: 200, requests: 5, left: 2, resetInMs: -50 })).toBe(120);
  });
});

describe('bundle arithmetic', () => {
  it('names packages, nested copies with their parent', () => {
    expect(bundle.packageOf('node_modules/axios/lib/utils.js')).toBe('axios');
    expect(bundle.packageOf('node_modules/axios/node_modules/agent-base/dist/index.js')).toBe('axios/node_modules/agent-base');
    expect(bundle.packageOf('node_modules/@okta/okta-sdk-nodejs/src/index.js')).toBe('@okta/okta-sdk-nodejs');
    expect(bundle.packageOf('src/main.ts')).toBe('src (the integration)');
    expect(bundle.packageOf('integration.yml')).toBe('integration.yml');
  });

  // main → a, big; big → dep, shared; a → shared: dropping big drops big and dep, not shared.
  const metafile: Metafile = {
    inputs: {
      'src/main.ts': { imports: [{ path: 'src/a.ts' }, { path: 'node_modules/big/index.js' }] },
      'src/a.ts': { imports: [{ path: 'node_modules/shared/index.js' }] },
      'node_modules/big/index.js': { imports: [{ path: 'node_modules/dep/index.js' }, { path: 'node_modules/shared/index.js' }, { path: 'node:http' }] },
      'node_modules/dep/index.js': { imports: [] },
      'node_modules/shared/index.js': { imports: [] },
    },
    outputs: {
      'dist/okta.js': {
        inputs: {
          'src/main.ts': { bytesInOutput: 1 },
          'src/a.ts': { bytesInOutput: 5 },
          'node_modules/big/index.js': { bytesInOutput: 100 },
          'node_modules/dep/index.js': { bytesInOutput: 30 },
          'node_modules/shared/index.js': { bytesInOutput: 7 },
        },
      },
    },
  };

  it('counts what a dependency alone brings in', () => {
    expect(bundle.bytesAddedBy('big', metafile, 'src/main.ts')).toBe(130);
    expect(bundle.bytesAddedBy('shared', metafile, 'src/main.ts')).toBe(7);
  });

  it('sums bytes per package, largest first', () => {
    expect(bundle.bytesByPackage(metafile.outputs['dist/okta.js']!.inputs)).toEqual([
      { name: 'big', bytes: 100 },
      { name: 'dep', bytes: 30 },
      { name: 'shared', bytes: 7 },
      { name: 'src (the integration)', bytes: 6 },
    ]);
  });
});

/** A results object shaped like scripts/bench.mjs's, every target met unless overridden. */
function fixtureResults(overrides: Record<string, unknown> = {}) {
  const scenario = (command: string, variant: string, minimum: number, requests: string[]): ScenarioResult => ({
    command,
    variant,
    why: 'fixture',
    minimum,
    actual: requests.length,
    ratio: requests.length / minimum,
    extra: Math.max(0, requests.length - minimum),
    requests,
    errors: [],
  });
  const listing = (what: string, value: number | string, items: number, productMs: number, sdkMs: number, rss: number) => ({
    what,
    value,
    items,
    rounds: 3,
    product: { listMs: productMs, wallMs: productMs + 50, maxRssBytes: rss },
    sdk: { listMs: sdkMs, wallMs: sdkMs + 400, maxRssBytes: 200 * MiB },
    raw: { listMs: productMs / 2, wallMs: productMs / 2 + 30, maxRssBytes: 100 * MiB },
    listRatio: productMs / sdkMs,
    wallRatio: (productMs + 50) / (sdkMs + 400),
    rssRatio: rss / (200 * MiB),
    floorRatio: 2,
  });
  return {
    startedAt: '2026-01-02T03:04:05.000Z',
    node: 'v20.0.0',
    machine: '2 × test CPU, linux',
    tookMs: 90_000,
    roundTrips: [scenario('okta-get-user', 'by id', 1, ['GET /api/v1/users/00u1 → 200']), scenario('okta-get-user', 'by name', 1, ['GET /api/v1/users?search=x → 200'])],
    coldStart: {
      help: { rounds: 21, helpMs: 24, baselineMs: 20, ratio: 1.2, extraBuiltins: [] },
      firstByte: { rounds: 15, productMs: 60, baselineMs: 50, ratio: 1.2, extraBuiltins: ['http'] },
    },
    bundle: { bytes: 255_000, packages: [{ name: 'axios', bytes: 88_000 }], added: { axios: 104_000 }, formDataStandaloneBytes: 164_000 },
    bulk: [listing('logs', 20000, 20000, 500, 700, 120 * MiB), listing('members', '00g1', 10000, 200, 240, 100 * MiB)],
    rss50k: { ...listing('logs', 50000, 50000, 1500, 1400, 140 * MiB), rounds: 1 },
    rateLimit: {
      bucket: { limit: 60, windowSeconds: 60 },
      events: 5000,
      requests: 5,
      unthrottledMs: 200,
      fresh: { listMs: 205, idealMs: 200, ratio: 1.025, sent429: 0, seen429: 0, errors: [] },
      drained: { resetInMs: 30_000, listMs: 31_000, idealMs: 30_120, ratio: 1.03, sent429: 0, seen429: 0, errors: [] },
      drainedEarly: { resetInMs: 60_500, listMs: 62_000, idealMs: 60_620, ratio: 1.02, sent429: 0, seen429: 0, errors: [] },
    },
    ...overrides,
  };
}

describe('targets', () => {
  it('meets every target of the fixture, with no notes', () => {
    const results = fixtureResults();
    const rows = targets.judgeTargets(results);
    expect(rows.map((r) => [r.key, r.verdict])).toEqual([
      ['roundTrips', 'met'],
      ['helpRatio', 'met'],
      ['firstByteRatio', 'met'],
      ['bundleBytes', 'met'],
      ['bulkTimeRatio', 'met'],
      ['bulkTimeRatio', 'met'],
      ['rss50kBytes', 'met'],
      ['rateLimitRatio', 'met'],
      ['surfaced429', 'met'],
    ]);
    expect(rows[0]?.result).toBe('2 at 1.00; worst 1.00×');
    expect(targets.missedNotes(rows, results)).toEqual([]);
  });

  it('names the scenario above its minimum, explains the push read only for the push command', () => {
    const over = fixtureResults({
      roundTrips: [
        {
          command: 'okta-verify-push-factor', variant: 'by id', why: 'fixture', minimum: 2, actual: 3, ratio: 1.5, extra: 1, errors: [],
          requests: ['GET /api/v1/users/00u1/factors/opf1 → 200', 'POST /api/v1/users/00u1/factors/opf1/verify → 201', 'GET /api/v1/users/00u1/factors/opf1/transactions/v2 → 200'],
        },
      ],
    });
    const rows = targets.judgeTargets(over);
    expect(rows[0]).toMatchObject({ key: 'roundTrips', result: '0 at 1.00; worst 1.50×', verdict: 'MISSED' });
    const [note] = targets.missedNotes(rows, over);
    expect(note?.note).toMatch(/^okta-verify-push-factor by id sent more requests than the minimum/);
    expect(note?.note).toContain('reads the factor (GET /users/{id}/factors/{fid}) before the POST verify');

    const other = fixtureResults({ roundTrips: [{ ...fixtureResults().roundTrips[0]!, command: 'okta-get-groups', actual: 2, ratio: 2 }] });
    const [otherNote] = targets.missedNotes(targets.judgeTargets(other), other);
    expect(otherNote?.note).toBe('okta-get-groups by id sent more requests than the minimum (see "Requests above the minimum").');
  });

  it('explains one missed bulk target once', () => {
    const slow = fixtureResults({ bulk: fixtureResults().bulk.map((b) => ({ ...b, wallRatio: 0.9 })) });
    const rows = targets.judgeTargets(slow);
    expect(rows.filter((r) => !r.met).map((r) => r.key)).toEqual(['bulkTimeRatio', 'bulkTimeRatio']);
    const notes = targets.missedNotes(rows, slow);
    expect(notes.map((n) => n.measure)).toEqual(['okta-get-logs limit=20000: time vs SDK (process / listing only)']);
    expect(notes[0]?.note).toMatch(/^okta-get-logs limit=20000 and okta-get-group-members of 10000 members took more than 0.7×/);
    expect(notes[0]?.note).toContain("The listing itself took 0.71× of the SDK's and 2.00× of the bare node:http floor; 0.83× of the SDK's");
  });

  it('a rate-limited job that failed has no ratio, misses both rate-limit targets and names the budget', () => {
    const error = 'Failed to execute okta-get-logs command.\nError:\nOkta rate limit reached for GET /api/v1/logs; it resets in 61 s, which is more than the 60 s this call may wait.';
    const base = fixtureResults();
    const failed = fixtureResults({
      rateLimit: { ...base.rateLimit, drainedEarly: { resetInMs: 60_900, listMs: 90, idealMs: 61_020, ratio: Number.NaN, sent429: 1, seen429: 1, errors: [error] } },
    });
    const rows = targets.judgeTargets(failed);
    // results.json turns the NaN into null; a re-rendered report must judge the same
    expect(targets.judgeTargets(JSON.parse(JSON.stringify(failed))).map((r) => r.verdict)).toEqual(rows.map((r) => r.verdict));
    expect(rows.filter((r) => !r.met).map((r) => [r.key, r.result])).toEqual([
      ['rateLimitRatio', '1.02× (the fresh window), 1.03× (the half-gone window with 2 calls left), error (the window used up in its first second)'],
      ['surfaced429', '1 / 1'],
    ]);
    const notes = targets.missedNotes(rows, failed);
    expect(notes[0]?.note).toMatch(/^The window used up in its first second ended in an error entry, so it has no time to compare\. /);
    expect(notes[0]?.note).toContain('exceeds its 60 s rate-limit budget (rateLimitBudgetMs)');
    expect(notes[1]?.note).toBe('The surfaced 429 is the job that ended in an error entry: same cause and remedy as the note above.');
    expect(report.renderReport(failed)).toContain(
      '| Window used up in its first second, 2 calls left, reset announced in 60900 ms | error entry after 90 ms: Okta rate limit reached for GET /api/v1/logs; it resets in 61 s, which is more than the 60 s this call may wait. | 61020 ms | n/a | 1 | 1 |',
    );
  });

  it('misses the RSS target above 150 MiB and quotes the three peaks', () => {
    const heavy = fixtureResults({ rss50k: { ...fixtureResults().rss50k, product: { listMs: 1, wallMs: 1, maxRssBytes: 500 * MiB } } });
    const rows = targets.judgeTargets(heavy);
    expect(rows.find((r) => r.key === 'rss50kBytes')).toMatchObject({ result: '500.0 MiB', target: '≤ 150.0 MiB', verdict: 'MISSED' });
    expect(targets.missedNotes(rows, heavy)[0]?.note).toMatch(/^okta-get-logs limit=50000 peaked at 500.0 MiB \(SDK 200.0 MiB, bare node:http 100.0 MiB\)/);
  });
});

describe('report and README section', () => {
  it('lists the requests of a scenario above its minimum, exactly', () => {
    const results = fixtureResults({
      roundTrips: [{ ...fixtureResults().roundTrips[0]!, actual: 2, ratio: 2, extra: 1, requests: ['GET /api/v1/users/00u1/factors/opf1 → 200', 'POST /api/v1/users/00u1/factors/opf1/verify → 201'] }],
    });
    const text = report.renderReport(results);
    expect(text).toContain(
      [
        '### Requests above the minimum',
        '',
        '- `okta-get-user` by id: 2 requests, minimum 1 (fixture). Sent:',
        '  - `GET /api/v1/users/00u1/factors/opf1 → 200`',
        '  - `POST /api/v1/users/00u1/factors/opf1/verify → 201`',
      ].join('\n'),
    );
    expect(text).toContain('| Bundle dist/okta.js | 249.0 KiB | ≤ 350.0 KiB | met |');
    expect(text).toContain('| `okta-get-user` | by id | 2 | 1 | 2.00 | fixture |');
  });

  it('says "None." when every target is met, and has no over-minimum list', () => {
    const text = report.renderReport(fixtureResults());
    expect(text).toContain('## Targets missed\n\nNone.');
    expect(text).not.toContain('Requests above the minimum');
  });

  it('replaces only the perf section, appends it under a heading when missing, and is idempotent', () => {
    const section = report.renderReadmeSection(fixtureResults());
    expect(section.startsWith(`${report.PERF_START}\n`)).toBe(true);
    expect(section.endsWith(report.PERF_END)).toBe(true);
    expect(section).toContain('Latest run (2026-01-02, Node v20.0.0)');

    const appended = report.replacePerfSection('# Title\n\nText.\n', section);
    expect(appended).toBe(`# Title\n\nText.\n\n## Performance\n\n${section}\n`);
    const readme = `# T\n\n## Performance\n\n${report.PERF_START}\nold\n${report.PERF_END}\n\n## After\n`;
    const replaced = report.replacePerfSection(readme, section);
    expect(replaced).toBe(`# T\n\n## Performance\n\n${section}\n\n## After\n`);
    expect(report.replacePerfSection(replaced, section)).toBe(replaced);
  });
});

describe('measurement plumbing', () => {
  it('reports the built-ins a process loads beyond its reference', async () => {
    const extra = await coldStart.extraBuiltins(['-e', "require('node:http')"], ['-e', '0']);
    expect(extra).toContain('http');
    // the preload itself loads fs in both processes, so it never shows as a difference
    expect(extra).not.toContain('fs');
    expect(await coldStart.extraBuiltins(['-e', '0'], ['-e', '0'])).toEqual([]);
  });

  describe('the TLS relay', () => {
    let backend: http.Server;
    let relay: Awaited<ReturnType<typeof relayModule.startRelay>>;
    const seen: string[] = [];

    beforeAll(async () => {
      backend = http.createServer((req, res) => {
        seen.push(`${req.method} ${req.url} ${req.headers['authorization']}`);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"00u1"}');
      });
      await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
      relay = await relayModule.startRelay(`http://127.0.0.1:${(backend.address() as AddressInfo).port}`);
    });

    afterAll(async () => {
      await relay.close();
      await new Promise<void>((resolve) => backend.close(() => resolve()));
    });

    it('passes a verified HTTPS request through and stamps its first byte', async () => {
      const firstByte = relay.waitForFirstByte();
      const before = performance.now();
      const body = await new Promise<string>((resolve, reject) => {
        const req = https.get(`${relay.url}/api/v1/users/00u1`, { ca: readFileSync(relay.caFile), headers: { Authorization: 'SSWS t' }, timeout: 10_000 }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        });
        req.on('timeout', () => req.destroy(new Error('relay test timed out')));
        req.on('error', reject);
      });
      const stamped = await firstByte;
      expect(body).toBe('{"id":"00u1"}');
      expect(seen).toEqual(['GET /api/v1/users/00u1 SSWS t']);
      expect(stamped).toBeGreaterThan(before);
      expect(stamped).toBeLessThanOrEqual(performance.now());
      expect(relay.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    });
  });
});
