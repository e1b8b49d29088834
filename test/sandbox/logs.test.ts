// System Log: polling vs bounded semantics, filter / q, validation errors, and the demo seed's event variety.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LogEvent, OktaErrorBody } from '../../src/okta/types.js';
import { startSandbox } from './server.js';
import { call, links, q, relative, useSandbox } from './testkit.js';

const NOW = Date.parse('2031-03-10T09:30:00.000Z');
const DAY = 86_400_000;
let now = NOW;
const sb = useSandbox({ now: () => new Date(now) }, false);
beforeEach(() => {
  now = NOW;
  sb.controls.reset();
});

const logs = async (query: string): Promise<{ events: LogEvent[]; next?: string; self?: string; status: number }> => {
  const res = await call(sb, 'GET', query.startsWith('/') ? query : `/api/v1/logs${query}`);
  expect(res.status, res.text).toBe(200);
  const l = links(res);
  return { events: res.json<LogEvent[]>(), ...(l.next ? { next: l.next } : {}), ...(l.self ? { self: l.self } : {}), status: res.status };
};
const error = async (query: string): Promise<{ status: number; body: OktaErrorBody }> => {
  const res = await call(sb, 'GET', `/api/v1/logs${query}`);
  return { status: res.status, body: res.json<OktaErrorBody>() };
};
const iso = (ms: number): string => new Date(ms).toISOString();

describe('demo seed events', () => {
  it('~200 events over the last 7 days with the expected types, reasons and missing parts', () => {
    const events = sb.controls.state.events();
    expect(events).toHaveLength(200);
    for (const e of events) {
      const t = Date.parse(e.published);
      expect(t).toBeGreaterThanOrEqual(NOW - 7 * DAY);
      expect(t).toBeLessThan(NOW);
    }
    const types = new Set(events.map((e) => e.eventType));
    expect([...types].sort()).toEqual(['application.user_membership.add', 'group.user_membership.add', 'user.authentication.sso', 'user.session.start']);
    const reasons = new Set(events.filter((e) => e.outcome?.result === 'FAILURE').map((e) => e.outcome?.reason));
    expect(reasons.has('INVALID_CREDENTIALS')).toBe(true);
    expect(reasons.has('VERIFICATION_ERROR')).toBe(true);
    expect(events.some((e) => e.client === null)).toBe(true);
    expect(events.some((e) => e.client && e.client.userAgent === null)).toBe(true);
    expect(events.some((e) => e.client && e.client.geographicalContext === null)).toBe(true);
    expect(events.some((e) => e.request?.ipChain === null)).toBe(true);
    expect(events.some((e) => !('target' in e))).toBe(true);
    expect(events.some((e) => e.target === null)).toBe(true);
    expect(new Set(events.map((e) => e.client?.ipAddress)).size).toBeGreaterThan(3);
  });

  it('is deterministic: the same ids on every start', async () => {
    const other = await startSandbox({ now: () => new Date(NOW) });
    try {
      expect(other.controls.state.events().map((e) => e.uuid)).toEqual(sb.controls.state.events().map((e) => e.uuid));
      expect(other.controls.state.users().map((u) => u.id)).toEqual(sb.controls.state.users().map((u) => u.id));
    } finally {
      await other.close();
    }
  });
});

describe('polling requests (no until, ASCENDING)', () => {
  it('default: last 7 days, limit 100, ascending; next always present, even on an empty page', async () => {
    const first = await logs('');
    expect(first.events).toHaveLength(100);
    const times = first.events.map((e) => Date.parse(e.published));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(first.self).toBe(`${sb.url}/api/v1/logs`);
    const second = await logs(relative(first.next as string));
    expect(second.events).toHaveLength(100);
    const third = await logs(relative(second.next as string));
    expect(third.events).toEqual([]);
    expect(third.next).toBeDefined();
    const ids = [...first.events, ...second.events].map((e) => e.uuid);
    expect(new Set(ids).size).toBe(200);
    // a mutation after the end shows up on the next poll of the empty page's link
    await call(sb, 'POST', '/api/v1/users/jdoe@example.com/lifecycle/suspend');
    const fourth = await logs(relative(third.next as string));
    expect(fourth.events.map((e) => e.eventType)).toEqual(['user.lifecycle.suspend']);
    expect(fourth.next).toBeDefined();
    expect((await logs(relative(fourth.next as string))).events).toEqual([]);
  });

  it('the next link keeps filter, q and limit but not since (it is exclusive with after)', async () => {
    const res = await logs(`?since=${q(iso(NOW - 2 * DAY))}&limit=5&filter=${q('eventType eq "user.session.start"')}`);
    const next = new URL(res.next as string);
    expect(next.origin).toBe(sb.url);
    expect(next.searchParams.get('since')).toBeNull();
    expect(next.searchParams.get('limit')).toBe('5');
    expect(next.searchParams.get('filter')).toBe('eventType eq "user.session.start"');
    expect(next.searchParams.get('after')).toMatch(/^\d+_\d+$/);
    const page2 = await logs(relative(res.next as string));
    expect(page2.events.every((e) => e.eventType === 'user.session.start')).toBe(true);
    expect(Date.parse(page2.events[0]?.published as string)).toBeGreaterThanOrEqual(Date.parse(res.events.at(-1)?.published as string));
  });

  it('since and after together are refused; limit 0 returns an empty page with next', async () => {
    const r = await error(`?since=${q(iso(NOW - DAY))}&after=1_1`);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe('E0000001');
    const empty = await logs('?limit=0');
    expect(empty.events).toEqual([]);
    expect(empty.next).toBeDefined();
  });
});

describe('bounded requests', () => {
  it('since + until: published order, no next on the last page', async () => {
    const since = iso(NOW - 3 * DAY);
    const until = iso(NOW - DAY);
    const all: LogEvent[] = [];
    let url: string | undefined = `/api/v1/logs?since=${q(since)}&until=${q(until)}&limit=20`;
    let pages = 0;
    while (url && pages < 10) {
      const page = await logs(url);
      all.push(...page.events);
      if (page.next) {
        expect(new URL(page.next).searchParams.get('until')).toBe(until);
      }
      url = page.next ? relative(page.next) : undefined;
      pages++;
    }
    const expected = sb.controls.state.events().filter((e) => e.published >= since && e.published < until);
    expect(all.map((e) => e.uuid)).toEqual(expected.map((e) => e.uuid));
    expect(pages).toBe(Math.ceil(expected.length / 20) + (expected.length % 20 === 0 ? 1 : 0));
  });

  it('DESCENDING without until is bounded at now, newest first', async () => {
    await call(sb, 'POST', '/api/v1/users/jdoe@example.com/lifecycle/suspend');
    const page = await logs('?sortOrder=DESCENDING&limit=3');
    expect(page.events[0]?.eventType).toBe('user.lifecycle.suspend');
    const t = page.events.map((e) => Date.parse(e.published));
    expect([...t].sort((a, b) => b - a)).toEqual(t);
    const next = await logs(relative(page.next as string));
    expect(Date.parse(next.events[0]?.published as string)).toBeLessThanOrEqual(t[2] as number);
    expect(next.events.map((e) => e.uuid)).not.toContain(page.events[2]?.uuid);
  });

  it('the retention window hides events older than 90 days', async () => {
    now = NOW + 95 * DAY;
    const r = await logs(`?until=${q(iso(now))}&since=${q(iso(NOW - 10 * DAY))}`);
    expect(r.events).toEqual([]);
  });
});

describe('filter and q', () => {
  it('filters over event fields with and / or / not, arrays and nested paths', async () => {
    const failed = (await logs(`?limit=1000&filter=${q('eventType eq "user.session.start" and outcome.result eq "FAILURE"')}`)).events;
    expect(failed.length).toBeGreaterThan(10);
    expect(failed.every((e) => e.eventType === 'user.session.start' && e.outcome?.result === 'FAILURE')).toBe(true);
    const jdoe = sb.controls.state.userByLogin('jdoe@example.com')?.id as string;
    await call(sb, 'POST', `/api/v1/users/${jdoe}/lifecycle/suspend`);
    const targeted = (await logs(`?limit=1000&filter=${q(`target.id eq "${jdoe}" and eventType sw "user.lifecycle"`)}`)).events;
    expect(targeted.map((e) => e.eventType)).toEqual(['user.lifecycle.suspend']);
    const notSession = (await logs(`?limit=1000&filter=${q('not (eventType co "session") and eventType ew ".add"')}`)).events;
    expect(notSession.length).toBeGreaterThan(0);
    expect(notSession.every((e) => e.eventType.endsWith('.add'))).toBe(true);
    const ne = (await logs(`?limit=1000&filter=${q('actor.alternateId ne "admin@example.com"')}`)).events;
    expect(ne.every((e) => e.actor?.alternateId !== 'admin@example.com')).toBe(true);
    const geo = (await logs(`?limit=1000&filter=${q('client.geographicalContext.country eq "Germany"')}`)).events;
    expect(geo.length).toBeGreaterThan(0);
  });

  it('filter errors: bad operator, published, unknown field, unsupported combination', async () => {
    const op = await error(`?filter=${q('display_message eqq "Create okta user"')}`);
    expect(op.status).toBe(400);
    expect(op.body.errorCode).toBe('E0000053');
    expect(op.body.errorSummary).toBe(`Invalid filter 'display_message eqq "Create okta user"': Unrecognized attribute operator 'eqq' at position 16. Expected: eq,co,sw,pr,gt,ge,lt,le`);
    expect(op.body.errorLink).toBeUndefined();
    expect(op.body.errorId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await error(`?filter=${q('published gt "2031-01-01T00:00:00Z"')}`)).body).toMatchObject({ errorCode: 'E0000053', errorSummary: 'field is not valid: published' });
    expect((await error(`?filter=${q('some_invalid_field eq "x"')}`)).body.errorSummary).toBe('field is not valid: some_invalid_field');
    expect((await error(`?filter=${q('debugContext.debugData.url co "x"')}`)).body).toMatchObject({
      errorCode: 'E0000031',
      errorSummary: 'The supplied combination of operator and field is not currently supported. Operator: co, Field: debugContext.debugData.url',
    });
  });

  it('q: every keyword must equal some value (case-insensitive, hyphen parts count)', async () => {
    const failed = (await logs(`?limit=1000&q=${q('verification_error')}`)).events;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => e.outcome?.reason === 'VERIFICATION_ERROR')).toBe(true);
    const both = (await logs(`?limit=1000&q=${q('GitHub user.authentication.sso')}`)).events;
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((e) => e.eventType === 'user.authentication.sso' && JSON.stringify(e).includes('GitHub'))).toBe(true);
    const uuid = sb.controls.state.events()[5]?.uuid as string;
    expect((await logs(`?q=${uuid.split('-')[4]}`)).events.map((e) => e.uuid)).toEqual([uuid]);
    expect((await logs('?q=verificat')).events).toEqual([]);
  });

  it('q limits: 40 characters per keyword, 10 keywords', async () => {
    const long = await error(`?q=${'x'.repeat(41)}`);
    expect(long.status).toBe(400);
    expect(long.body.errorSummary).toBe("Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.");
    expect((await error(`?q=${q('a b c d e f g h i j k')}`)).body.errorCode).toBe('E0000001');
  });
});

describe('parameter validation', () => {
  it('a malformed since/until is 400 E0000001 with both causes', async () => {
    const r = await error('?until=yesterday');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      errorCode: 'E0000001',
      errorSummary: "Api validation failed: 'until': The date format in your query is not recognized. Please enter dates using ISO8601 string format.. 'until': must be a valid date-time or empty.",
      errorCauses: [
        { errorSummary: 'until: The date format in your query is not recognized. Please enter dates using ISO8601 string format.' },
        { errorSummary: 'until: must be a valid date-time or empty.' },
      ],
    });
    expect((await error('?since=2031-13-45T00:00:00Z')).body.errorCode).toBe('E0000001');
  });

  it('since over 180 days back is E0000053; limit above 1000 and a bad sortOrder are E0000001', async () => {
    expect((await error(`?since=${q(iso(NOW - 181 * DAY))}`)).body).toMatchObject({ errorCode: 'E0000053', errorSummary: 'Invalid parameter: The since parameter is over 180 days prior to the current day.' });
    expect((await error('?limit=1001')).body.errorCode).toBe('E0000001');
    expect((await error('?limit=-1')).body.errorCode).toBe('E0000001');
    expect((await error('?sortOrder=SIDEWAYS')).body.errorCode).toBe('E0000001');
    expect((await logs('?limit=1000')).events).toHaveLength(200);
    expect((await logs(`?since=${q('2031-03-09T09:30:00+00:00')}`)).events.length).toBeGreaterThan(0);
  });
});
