// Scale: 100k users and 200k events seed in seconds, and indexed lookups / paging stay cheap. Times are printed,
// never asserted (the machine is noisy); the assertions check the answers are right at that size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent, OktaUser } from '../../src/okta/types.js';
import { startSandbox, type Sandbox } from './server.js';
import { call, links, q, relative } from './testkit.js';

let sb: Sandbox;
beforeAll(async () => {
  const t0 = performance.now();
  sb = await startSandbox({ users: 100_000, events: 200_000 });
  console.log(`scale: seeded demo + 100000 users + 200000 events in ${Math.round(performance.now() - t0)} ms`);
}, 60_000);
afterAll(async () => {
  await sb.close();
});

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  console.log(`scale: ${label} ${Math.round(performance.now() - t0)} ms`);
  return out;
}

describe('at 100k users / 200k events', () => {
  it('holds everything that was asked for', () => {
    expect(sb.controls.state.userByLogin('user00001@example.com')?.status).toBe('ACTIVE');
    expect(sb.controls.state.userByLogin('user99999@example.com')).toBeDefined();
    expect(sb.controls.state.userByLogin('user100000@example.com')).toBeDefined();
    expect(sb.controls.state.events()).toHaveLength(200_200);
  });

  it('login search is answered from the index and includes the right user', async () => {
    const res = await timed('search by login', () => call(sb, 'GET', `/api/v1/users?search=${q('profile.login eq "user54321@example.com"')}`));
    expect(res.json<OktaUser[]>().map((u) => u.profile.login)).toEqual(['user54321@example.com']);
    const byPath = await timed('get by login', () => call(sb, 'GET', '/api/v1/users/user54321@example.com'));
    expect(byPath.json<OktaUser>().profile.lastName).toBe('54321');
  });

  it('a deep page resumes from its cursor', async () => {
    let res = await call(sb, 'GET', '/api/v1/users?limit=200');
    for (let i = 0; i < 3; i++) res = await call(sb, 'GET', relative(links(res).next as string));
    const page = res.json<OktaUser[]>();
    expect(page).toHaveLength(200);
    const all = sb.controls.state.users();
    const first = all.findIndex((u) => u.id === page[0]?.id);
    const active = all.filter((u) => u.status !== 'DEPROVISIONED');
    expect(page.map((u) => u.id)).toEqual(active.slice(600, 800).map((u) => u.id));
    expect(first).toBeGreaterThan(500);
  });

  it('a full-scan search and a group member page answer correctly', async () => {
    const scan = await timed('search scan (sw on lastName)', () => call(sb, 'GET', `/api/v1/users?search=${q('profile.lastName sw "9999"')}`));
    expect(scan.json<OktaUser[]>().map((u) => u.profile.lastName).sort()).toEqual(['99990', '99991', '99992', '99993', '99994', '99995', '99996', '99997', '99998', '99999']);
    const gid = sb.controls.state.groupByName('Generated Users')[0]?.id as string;
    const members = await timed('group members page', () => call(sb, 'GET', `/api/v1/groups/${gid}/users?limit=1000`));
    expect(members.json<OktaUser[]>()).toHaveLength(1000);
  });

  it('System Log polling, bounded and filtered queries', async () => {
    const poll = await timed('logs polling page', () => call(sb, 'GET', '/api/v1/logs?limit=1000'));
    expect(poll.json<LogEvent[]>()).toHaveLength(1000);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const bounded = await timed('logs bounded last hour', () => call(sb, 'GET', `/api/v1/logs?since=${q(since)}&until=${q(new Date().toISOString())}&limit=1000`));
    const events = bounded.json<LogEvent[]>();
    expect(events.length).toBeGreaterThan(100);
    expect(events.every((e) => e.published >= since)).toBe(true);
    const failures = await timed('logs filter outcome FAILURE', () => call(sb, 'GET', `/api/v1/logs?limit=1000&filter=${q('outcome.result eq "FAILURE"')}`));
    expect(failures.json<LogEvent[]>().every((e) => e.outcome?.result === 'FAILURE')).toBe(true);
    const kw = await timed('logs q keyword (first, builds word sets)', () => call(sb, 'GET', '/api/v1/logs?q=INVALID_CREDENTIALS&limit=100'));
    expect(kw.json<LogEvent[]>()).toHaveLength(100);
  });
});
