// System Log commands against a nock-mocked org: exact requests (paging, encoding, time range), exact context and
// markdown, and rendering of events whose optional fields are null or missing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEvent } from '../okta/types';
import { ORG, okta, run, runOne, useNock } from '../../test/helpers/run';
import { FIXED_FILTERS, clientDescription, eventRow, eventTime, eventsTable } from './logs';

useNock();

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/events');
const load = (name: string): LogEvent[] => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as LogEvent[];
const TYPICAL = load('typical.json');
const NULLS = load('nulls.json');

const RECORDED = path.resolve(import.meta.dirname, '../../../shared/recordings/system-log/panther-okta-test-events.json');
const hasRecorded = existsSync(RECORDED);
if (!hasRecorded) console.log(`Skipping the recorded System Log events: ${RECORDED} does not exist (it lives outside the repository).`);

const EVENTS_KEY = 'Okta.Logs.Events(val.uuid && val.uuid === obj.uuid)';
const HEAD = '|Time|Actor|ActorAlternateId|EventInfo|EventOutcome|EventSeverity|Client|RequestIP|ChainIP|Targets|\n|---|---|---|---|---|---|---|---|---|---|\n';
const TYPICAL_ROWS = [
  '| 2024-05-03T16:22:18.123Z | Jane Doe (User) | jane@example.com | User login to Okta | FAILURE: INVALID_CREDENTIALS | WARN | Chrome on Mac OS X Computer | 203.0.113.10 | 203.0.113.10<br>198.51.100.20 |  |\n',
  '| 2024-05-03T16:25:00.000Z | Ada Admin (User) | admin@example.com | Add user to group membership | SUCCESS | INFO | Firefox on Windows 10 Computer | 192.0.2.44 | 192.0.2.44 | Jane Doe (User)<br>Sales (UserGroup) |\n',
];
const NULL_ROWS = [
  '| 2024-05-03T17:00:00.000Z | 0oaSYSTEM (PublicClientApp) |  | Deactivate Okta user | SUCCESS | INFO | Unknown client |  |  |  |\n',
  '| 2024-05-03T17:00:01.000Z | Jane Doe (User) | jane@example.com |  |  | INFO | Unknown client |  |  | 0oaAPP (AppInstance) |\n',
  '| 2024-05-03T17:00:02.000Z |  |  |  |  |  | Unknown client | 192.0.2.7 |  |  |\n',
  '|  |  |  |  |  |  | Unknown browser on Unknown OS Unknown device |  |  |  |\n',
  '| 2024-05-03T17:00:04.000Z | Jane Doe (User) | jane@example.com | Rate limit warning | SUCCESS | WARN | Unknown browser on Unknown OS Unknown device | 192.0.2.8 | 192.0.2.8 | /api/v1/logs (URL Pattern) |\n',
];

const funnel = (command: string, message: string) => `Failed to execute ${command} command.\nError:\n${message}`;

function event(index: number): LogEvent {
  return {
    uuid: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
    published: new Date(Date.UTC(2024, 4, 1) + index * 1000).toISOString(),
    eventType: 'user.session.start',
    severity: 'INFO',
    displayMessage: 'User login to Okta',
    actor: { id: `00u${index}`, type: 'User', alternateId: `u${index}@example.com`, displayName: `User ${index}` },
    outcome: { result: 'SUCCESS', reason: null },
  };
}
const events = (from: number, count: number): LogEvent[] => Array.from({ length: count }, (_, i) => event(from + i));
/** Okta's next link repeats the query and adds the cursor; `self` comes first on purpose. */
const logLink = (query: string, cursor: string) => ({ link: `<${ORG}/api/v1/logs?${query}>; rel="self", <${ORG}/api/v1/logs?${query}&after=${cursor}>; rel="next"` });
const contextOf = (entry: { EntryContext?: Record<string, unknown> }) => entry.EntryContext?.[EVENTS_KEY] as LogEvent[];

describe('okta-get-logs', () => {
  it('defaults: sortOrder=ASCENDING and limit=100; the raw events in context under the DT key; the table', async () => {
    okta().get('/api/v1/logs').query({ sortOrder: 'ASCENDING', limit: '100' }).reply(200, TYPICAL);
    const entry = await runOne('okta-get-logs');
    expect(entry).toEqual({
      Type: 1,
      ContentsFormat: 'json',
      Contents: TYPICAL,
      HumanReadable: `### Okta Events\n${HEAD}${TYPICAL_ROWS.join('')}`,
      ReadableContentsFormat: 'markdown',
      EntryContext: { [EVENTS_KEY]: TYPICAL },
    });
  });

  it('encodes filter and query exactly once (the JS integration double-encoded them)', async () => {
    let raw = '';
    okta()
      .get('/api/v1/logs')
      .query({ filter: 'eventType eq "user.session.start"', q: 'San Francisco', sortOrder: 'DESCENDING', limit: '5' })
      .reply(function reply(uri) {
        raw = uri;
        return [200, TYPICAL.slice(0, 1)];
      });
    const entry = await runOne('okta-get-logs', { filter: 'eventType eq "user.session.start"', query: 'San Francisco', sortOrder: 'descending', limit: '5' });
    expect(raw).toBe('/api/v1/logs?filter=eventType%20eq%20%22user.session.start%22&q=San%20Francisco&sortOrder=DESCENDING&limit=5');
    expect(contextOf(entry)).toEqual(TYPICAL.slice(0, 1));
  });

  it('since and until go to Okta as ISO 8601 UTC, whatever form they were given in', async () => {
    okta()
      .get('/api/v1/logs')
      .query({ since: '2024-05-01T00:00:00.000Z', until: '2024-05-02T12:30:00.000Z', sortOrder: 'ASCENDING', limit: '100' })
      .reply(200, TYPICAL);
    const entry = await runOne('okta-get-logs', { since: '2024-05-01T02:00:00+02:00', until: String(Date.UTC(2024, 4, 2, 12, 30) / 1000) });
    expect(contextOf(entry)).toEqual(TYPICAL);
  });

  describe('relative times', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    it('"3 days ago" is three days before now', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2024-05-10T08:00:00.000Z'));
      okta().get('/api/v1/logs').query({ since: '2024-05-07T08:00:00.000Z', sortOrder: 'ASCENDING', limit: '100' }).reply(200, TYPICAL);
      const entry = await runOne('okta-get-logs', { since: '3 days ago' });
      expect(contextOf(entry)).toEqual(TYPICAL);
    });
  });

  it.each([
    [{ since: '2024-05-02T00:00:00Z', until: '2024-05-01T00:00:00Z' }, '"since" (2024-05-02T00:00:00.000Z) must be earlier than "until" (2024-05-01T00:00:00.000Z).'],
    [{ since: '2024-05-01T00:00:00Z', until: '2024-05-01T00:00:00Z' }, '"since" (2024-05-01T00:00:00.000Z) must be earlier than "until" (2024-05-01T00:00:00.000Z).'],
    [{ since: 'yesterday-ish' }, 'Invalid date: "since"="yesterday-ish" (use ISO 8601 such as 2024-05-03T16:22:18Z, epoch seconds, or "3 days ago")'],
    [{ until: '2024-02-31' }, 'Invalid date: "until"="2024-02-31" (use ISO 8601 such as 2024-05-03T16:22:18Z, epoch seconds, or "3 days ago")'],
    [{ limit: '0' }, 'Invalid number: "limit"="0" (must be a whole number between 1 and 100000)'],
    [{ limit: '-1' }, 'Invalid number: "limit"="-1" (must be a whole number between 1 and 100000)'],
    [{ sortOrder: 'NEWEST' }, 'Invalid value: "sortOrder"="NEWEST" (expected one of ASCENDING, DESCENDING)'],
    [{ filter: 'published gt "2026-01-01T00:00:00Z"' }, '"filter" cannot use the published attribute (Okta refuses it); give the time range with "since" and "until" instead.'],
    [{ filter: 'eventType eq "x" and (published lt "2026-01-01T00:00:00Z")' }, '"filter" cannot use the published attribute (Okta refuses it); give the time range with "since" and "until" instead.'],
    [{ query: 'a b c d e f g h i j k' }, '"query" has 11 keywords; Okta accepts at most 10. Use "filter" for a more precise search.'],
    [
      { query: `short ${'x'.repeat(41)}` },
      `"query" has a keyword of 41 characters (${'x'.repeat(40)}…); Okta accepts at most 40 per keyword. Use "filter" to match a long value.`,
    ],
  ])('refuses %o before any request', async (args, message) => {
    const entry = await runOne('okta-get-logs', args);
    expect(entry).toEqual({ Type: 4, ContentsFormat: 'text', Contents: funnel('okta-get-logs', message) });
  });

  it('accepts a query at the limits: 10 keywords of 40 characters', async () => {
    const query = Array.from({ length: 10 }, (_, i) => String(i).repeat(40)).join(' ');
    okta().get('/api/v1/logs').query({ q: query, sortOrder: 'ASCENDING', limit: '100' }).reply(200, []);
    const entry = await runOne('okta-get-logs', { query });
    expect(entry.HumanReadable).toBe('No events found');
  });

  it('no events: the note "No events found", no context, not an error', async () => {
    okta().get('/api/v1/logs').query({ sortOrder: 'ASCENDING', limit: '100' }).reply(200, []);
    const entry = await runOne('okta-get-logs');
    expect(entry).toEqual({ Type: 1, ContentsFormat: 'json', Contents: [], HumanReadable: 'No events found', ReadableContentsFormat: 'markdown' });
  });

  it('limit=1001: exactly two requests (1000, then 1 through the next link)', async () => {
    const first = 'until=2024-05-02T00%3A00%3A00.000Z&sortOrder=ASCENDING&limit=1000';
    okta().get('/api/v1/logs').query({ until: '2024-05-02T00:00:00.000Z', sortOrder: 'ASCENDING', limit: '1000' }).reply(200, events(0, 1000), logLink(first, 'cur1'));
    okta()
      .get('/api/v1/logs')
      .query({ until: '2024-05-02T00:00:00.000Z', sortOrder: 'ASCENDING', limit: '1', after: 'cur1' })
      .reply(200, events(1000, 1), logLink(first, 'cur2'));
    const progress: string[] = [];
    const [entry] = await run('okta-get-logs', { until: '2024-05-02T00:00:00Z', limit: '1001' }, { progress: (message) => progress.push(message) });
    expect(contextOf(entry!).map((e) => e.uuid)).toEqual(events(0, 1001).map((e) => e.uuid));
    expect(entry!.HumanReadable!.split('\n').filter((line) => line.startsWith('| 2024-'))).toHaveLength(100);
    expect(entry!.HumanReadable!.endsWith('\nShowing the first 100 of 1001 rows; 901 more are in context.\n')).toBe(true);
    expect(progress).toEqual(['Fetched 1000 events…']);
  });

  it('keeps the events already read when a later page fails, and says where it stopped', async () => {
    const first = 'until=2024-05-02T00%3A00%3A00.000Z&sortOrder=ASCENDING&limit=1000';
    okta().get('/api/v1/logs').query({ until: '2024-05-02T00:00:00.000Z', sortOrder: 'ASCENDING', limit: '1000' }).reply(200, events(0, 1000), logLink(first, 'cur1'));
    okta()
      .get('/api/v1/logs')
      .query({ until: '2024-05-02T00:00:00.000Z', sortOrder: 'ASCENDING', limit: '1000', after: 'cur1' })
      .reply(500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorId: 'oae500', errorCauses: [] });
    const entries = await run('okta-get-logs', { until: '2024-05-02T00:00:00Z', limit: '2000' });
    expect(entries).toHaveLength(2);
    expect(contextOf(entries[0]!).map((e) => e.uuid)).toEqual(events(0, 1000).map((e) => e.uuid));
    expect(entries[1]).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents: funnel(
        'okta-get-logs',
        'Stopped after 1000 events: Okta API error 500 E0000009: Internal Server Error [errorId oae500]\nThe 1000 events read before the error are in the entry above.',
      ),
    });
  });

  it('a bounded query (until given) reads past 1000 events until the page without a next link', async () => {
    const base = { since: '2024-05-01T00:00:00.000Z', until: '2024-05-02T00:00:00.000Z', sortOrder: 'ASCENDING' };
    const query = 'since=2024-05-01T00%3A00%3A00.000Z&until=2024-05-02T00%3A00%3A00.000Z&sortOrder=ASCENDING&limit=1000';
    okta().get('/api/v1/logs').query({ ...base, limit: '1000' }).reply(200, events(0, 1000), logLink(query, 'cur1'));
    okta().get('/api/v1/logs').query({ ...base, after: 'cur1', limit: '1000' }).reply(200, events(1000, 1000), logLink(query, 'cur2'));
    okta()
      .get('/api/v1/logs')
      .query({ ...base, after: 'cur2', limit: '1000' })
      .reply(200, events(2000, 300), { link: `<${ORG}/api/v1/logs?${query}&after=cur2>; rel="self"` });
    const entry = await runOne('okta-get-logs', { since: '2024-05-01T00:00:00Z', until: '2024-05-02T00:00:00Z', limit: '5000' });
    expect(contextOf(entry)).toHaveLength(2300);
    expect(contextOf(entry)[2299]!.uuid).toBe(event(2299).uuid);
  });

  it('a polling query (no until) stops at the first empty page even though Okta still sends a next link', async () => {
    const base = { since: '2024-05-01T00:00:00.000Z', sortOrder: 'ASCENDING' };
    const query = 'since=2024-05-01T00%3A00%3A00.000Z&sortOrder=ASCENDING&limit=1000';
    okta().get('/api/v1/logs').query({ ...base, limit: '1000' }).reply(200, events(0, 1000), logLink(query, 'cur1'));
    okta().get('/api/v1/logs').query({ ...base, after: 'cur1', limit: '1000' }).reply(200, [], logLink(query, 'cur2'));
    const entry = await runOne('okta-get-logs', { since: '2024-05-01T00:00:00Z', limit: '5000' });
    expect(contextOf(entry)).toHaveLength(1000);
  });

  it('renders events with null or missing optional fields, and no row inherits a value from the row before it', async () => {
    okta().get('/api/v1/logs').query({ sortOrder: 'ASCENDING', limit: '100' }).reply(200, [...TYPICAL, ...NULLS]);
    const entry = await runOne('okta-get-logs');
    expect(entry.HumanReadable).toBe(`### Okta Events\n${HEAD}${TYPICAL_ROWS.join('')}${NULL_ROWS.join('')}`);
    expect(entry.HumanReadable).not.toMatch(/undefined|null|\[object Object\]/);
    expect(contextOf(entry)).toEqual([...TYPICAL, ...NULLS]);
  });
});

describe.each([
  ['okta-get-failed-logins', 'Failed Login Events'],
  ['okta-get-group-assignments', 'Group Assignment Events'],
  ['okta-get-application-assignments', 'Application Assignment Events'],
  ['okta-get-application-authentication', 'Application Authentication Events'],
] as const)('%s', (command, title) => {
  const filter = FIXED_FILTERS[command];

  it('sends its fixed filter (encoded once) with the range, order and limit given', async () => {
    let raw = '';
    okta()
      .get('/api/v1/logs')
      .query({ since: '2024-05-01T00:00:00.000Z', until: '2024-05-03T00:00:00.000Z', filter, sortOrder: 'DESCENDING', limit: '50' })
      .reply(function reply(uri) {
        raw = uri;
        return [200, TYPICAL];
      });
    const entry = await runOne(command, { since: '2024-05-01T00:00:00Z', until: '2024-05-03T00:00:00Z', sortOrder: 'DESCENDING', limit: '50' });
    expect(raw).toContain(`&filter=${encodeURIComponent(filter)}&`);
    expect(entry.HumanReadable).toBe(`### ${title}\n${HEAD}${TYPICAL_ROWS.join('')}`);
    expect(entry.EntryContext).toEqual({ [EVENTS_KEY]: TYPICAL });
  });

  it('defaults to 100 events in ascending order', async () => {
    okta().get('/api/v1/logs').query({ filter, sortOrder: 'ASCENDING', limit: '100' }).reply(200, []);
    const entry = await runOne(command);
    expect(entry.HumanReadable).toBe('No events found');
  });

  it('takes no filter or query of its own', async () => {
    const entry = await runOne(command, { filter: 'eventType eq "x"' });
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain(`Unknown argument "filter" for ${command}.`);
  });
});

it('the fixed filters are the four documented event filters', () => {
  expect(FIXED_FILTERS).toEqual({
    'okta-get-failed-logins': 'eventType eq "user.session.start" and outcome.result eq "FAILURE"',
    'okta-get-group-assignments': 'eventType eq "group.user_membership.add"',
    'okta-get-application-assignments': 'eventType eq "application.user_membership.add"',
    'okta-get-application-authentication': 'eventType eq "user.authentication.sso"',
  });
});

describe('event rendering', () => {
  it('Client: browser on OS device, each unknown part named, no user agent at all → Unknown client', () => {
    expect(clientDescription({ userAgent: { browser: 'CHROME', os: 'Mac OS X' }, device: 'Computer' })).toBe('Chrome on Mac OS X Computer');
    expect(clientDescription({ userAgent: { browser: 'MOBILE_SAFARI', os: 'iOS' }, device: 'Mobile' })).toBe('Mobile Safari on iOS Mobile');
    expect(clientDescription({ userAgent: { browser: 'IE', os: 'Windows 7' }, device: 'Computer' })).toBe('IE on Windows 7 Computer');
    expect(clientDescription({ userAgent: { browser: 'UNKNOWN', os: 'unknown' }, device: '' })).toBe('Unknown browser on Unknown OS Unknown device');
    expect(clientDescription({ userAgent: {}, device: 'Computer' })).toBe('Unknown browser on Unknown OS Computer');
    expect(clientDescription({ device: 'Computer' })).toBe('Unknown client');
    expect(clientDescription(null)).toBe('Unknown client');
    expect(clientDescription(undefined)).toBe('Unknown client');
  });

  it('Time is ISO 8601 UTC whatever the process time zone; non-ISO exports are read as UTC; other text stays', () => {
    const zone = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    try {
      expect(eventTime('2024-05-03T16:22:18.123Z')).toBe('2024-05-03T16:22:18.123Z');
      expect(eventTime('2024-05-03T18:22:18.123+02:00')).toBe('2024-05-03T16:22:18.123Z');
      expect(eventTime('2024-05-02 18:46:21.121000000')).toBe('2024-05-02T18:46:21.121Z');
      expect(eventTime('redacted')).toBe('redacted');
      expect(eventTime(undefined)).toBeUndefined();
      expect(eventTime('')).toBeUndefined();
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });

  it('an event that is nothing but a uuid renders a row with only "Unknown client"', () => {
    expect(eventRow({ uuid: 'u' } as LogEvent)).toEqual({
      Time: undefined,
      Actor: undefined,
      ActorAlternateId: undefined,
      EventInfo: undefined,
      EventOutcome: undefined,
      EventSeverity: undefined,
      Client: 'Unknown client',
      RequestIP: undefined,
      ChainIP: undefined,
      Targets: undefined,
    });
  });

  it.skipIf(!hasRecorded)('every recorded System Log event renders without error and without placeholder words', () => {
    const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as LogEvent[];
    expect(recorded.length).toBeGreaterThan(0);
    for (const [index, item] of recorded.entries()) {
      const table = eventsTable('Recorded', [item]);
      expect(table, `event ${index}`).not.toMatch(/undefined|null|\[object Object\]|NaN|Invalid Date/);
      expect(table.split('\n'), `event ${index}`).toHaveLength(5);
    }
  });

  it.skipIf(!hasRecorded)('the recorded events go through okta-get-logs as one page', async () => {
    const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as LogEvent[];
    okta().get('/api/v1/logs').query({ sortOrder: 'ASCENDING', limit: '100' }).reply(200, recorded);
    const entry = await runOne('okta-get-logs');
    expect(entry.Type).toBe(1);
    expect(contextOf(entry)).toEqual(recorded);
    expect(entry.HumanReadable!.split('\n').filter((line) => line.startsWith('| '))).toHaveLength(recorded.length);
  });
});
