// System Log commands: okta-get-logs and four wrappers with a fixed event filter, all through one implementation.
// The events go to context as Okta returned them; the War Room table is a per-event projection with no state
// carried from one row to the next (the v2 integration let a row inherit the previous row's browser and OS).
import type { LogEvent } from '../okta/types';
import { type ArgShape, date, int, oneOf, parseDate, text } from '../runtime/args';
import { type Command, type CommandContext, defineCommand } from '../runtime/command';
import { type Entry, commandResult, noteEntry } from '../runtime/entry';
import { UsageError } from '../runtime/errors';
import { cappedTableOf, type Row } from '../runtime/markdown';
import { type Listing, readListing, withFailure } from './listing';

export const EVENTS_PREFIX = 'Okta.Logs.Events';
export const LOG_PAGE_MAX = 1000;
export const MAX_KEYWORDS = 10;
export const MAX_KEYWORD_LENGTH = 40;

export const EVENT_HEADERS = [
  'Time',
  'Actor',
  'ActorAlternateId',
  'EventInfo',
  'EventOutcome',
  'EventSeverity',
  'Client',
  'RequestIP',
  'ChainIP',
  'Targets',
] as const;

// ---- one event → one table row ---------------------------------------------------------------------------

const present = (value: unknown): value is string | number => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
const known = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.trim().toLowerCase() !== 'unknown';

/** ISO 8601 in UTC whatever the server's time zone; a value that is not a time is shown as Okta gave it. */
export function eventTime(published: unknown): string | undefined {
  if (!present(published)) return undefined;
  try {
    return parseDate(published, 'published').toISOString();
  } catch {
    return String(published);
  }
}

/** "<name> (<type>)", the name being the display name, else the alternate id, else the id. */
function named(entity: { displayName?: unknown; alternateId?: unknown; id?: unknown; type?: unknown } | null | undefined): string | undefined {
  if (!entity) return undefined;
  const name = [entity.displayName, entity.alternateId, entity.id].find(present);
  const type = present(entity.type) ? String(entity.type) : undefined;
  if (name === undefined) return type;
  return type ? `${name} (${type})` : String(name);
}

/** CHROME → Chrome, MOBILE_SAFARI → Mobile Safari; anything not shouted in capitals is kept as it is. */
function browserName(browser: string): string {
  const trimmed = browser.trim();
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed
    .split(/[_\s]+/)
    .map((word) => (word.length <= 2 ? word : word.charAt(0) + word.slice(1).toLowerCase()))
    .join(' ');
}

/** "Chrome on Mac OS X Computer"; each unknown part is named, and an event without a user agent has "Unknown client". */
export function clientDescription(client: LogEvent['client']): string {
  const agent = client?.userAgent;
  if (!agent) return 'Unknown client';
  const browser = known(agent.browser) ? browserName(agent.browser) : 'Unknown browser';
  const os = known(agent.os) ? agent.os.trim() : 'Unknown OS';
  const device = known(client.device) ? client.device.trim() : 'Unknown device';
  return `${browser} on ${os} ${device}`;
}

function outcomeText(outcome: LogEvent['outcome']): string | undefined {
  if (!outcome || !present(outcome.result)) return undefined;
  return present(outcome.reason) ? `${outcome.result}: ${outcome.reason}` : outcome.result;
}

const lines = (values: ReadonlyArray<string | undefined>): string | undefined => {
  const kept = values.filter((value): value is string => value !== undefined);
  return kept.length ? kept.join('\n') : undefined;
};

export function eventRow(event: LogEvent): Row {
  const ipChain = Array.isArray(event.request?.ipChain) ? event.request.ipChain : [];
  const targets = Array.isArray(event.target) ? event.target : [];
  return {
    Time: eventTime(event.published),
    Actor: named(event.actor),
    ActorAlternateId: present(event.actor?.alternateId) ? event.actor.alternateId : undefined,
    EventInfo: present(event.displayMessage) ? event.displayMessage : undefined,
    EventOutcome: outcomeText(event.outcome),
    EventSeverity: present(event.severity) ? event.severity : undefined,
    Client: clientDescription(event.client),
    RequestIP: present(event.client?.ipAddress) ? event.client.ipAddress : undefined,
    ChainIP: lines(ipChain.map((hop) => (present(hop?.ip) ? hop.ip : undefined))),
    Targets: lines(targets.map((target) => named(target))),
  };
}

export function eventsTable(title: string, events: readonly LogEvent[]): string {
  return cappedTableOf(title, events, eventRow, { headers: EVENT_HEADERS });
}

// ---- the query ---------------------------------------------------------------------------------------------

export interface LogQuery {
  since?: Date | undefined;
  until?: Date | undefined;
  filter?: string | undefined;
  query?: string | undefined;
  sortOrder: 'ASCENDING' | 'DESCENDING';
  limit: number;
}

/** Okta's own limits on `q`, checked here so the user learns them without a round trip. */
export function checkKeywords(query: string | undefined): void {
  if (query === undefined) return;
  const keywords = query.split(/\s+/).filter(Boolean);
  if (keywords.length > MAX_KEYWORDS) {
    throw new UsageError(`"query" has ${keywords.length} keywords; Okta accepts at most ${MAX_KEYWORDS}. Use "filter" for a more precise search.`);
  }
  const long = keywords.find((keyword) => keyword.length > MAX_KEYWORD_LENGTH);
  if (long !== undefined) {
    throw new UsageError(
      `"query" has a keyword of ${long.length} characters (${long.slice(0, MAX_KEYWORD_LENGTH)}…); Okta accepts at most ${MAX_KEYWORD_LENGTH} per keyword. Use "filter" to match a long value.`,
    );
  }
}

/** Okta cannot filter on `published`; the time range belongs in since/until. */
export function checkFilter(filter: string | undefined): void {
  if (filter && /(^|[\s(])published\s+(eq|ne|gt|ge|lt|le|sw|co|ew|pr)\b/i.test(filter)) {
    throw new UsageError('"filter" cannot use the published attribute (Okta refuses it); give the time range with "since" and "until" instead.');
  }
}

export function checkRange(since: Date | undefined, until: Date | undefined): void {
  if (since && until && since.getTime() >= until.getTime()) {
    throw new UsageError(`"since" (${since.toISOString()}) must be earlier than "until" (${until.toISOString()}).`);
  }
}

/**
 * Without `until` an ASCENDING query is a polling query whose next link never ends; the client stops at its first
 * empty page. With `until` the query is bounded and read until the page that has no next link.
 */
export async function fetchEvents(ctx: CommandContext, query: LogQuery): Promise<Listing<LogEvent>> {
  checkRange(query.since, query.until);
  checkKeywords(query.query);
  checkFilter(query.filter);
  const stream = ctx.okta.logs.list(
    {
      since: query.since?.toISOString(),
      until: query.until?.toISOString(),
      filter: query.filter,
      q: query.query,
      sortOrder: query.sortOrder,
    },
    { limit: query.limit },
  );
  return readListing(stream, ctx, 'events', LOG_PAGE_MAX);
}

export function eventsResult(title: string, events: readonly LogEvent[]): Entry {
  if (events.length === 0) return noteEntry('No events found', []);
  return commandResult({ prefix: EVENTS_PREFIX, keyField: 'uuid', outputs: events, readable: eventsTable(title, events) });
}

/** The events (possibly cut short by a failure, which then follows as an error entry). */
function eventsOutput(command: string, title: string, listing: Listing<LogEvent>): Entry | Entry[] {
  return withFailure(command, eventsResult(title, listing.items), listing, 'events');
}

// ---- the commands ------------------------------------------------------------------------------------------

const rangeArgs = {
  since: date(),
  until: date(),
  sortOrder: oneOf(['ASCENDING', 'DESCENDING'], { default: 'ASCENDING' }),
  limit: int({ min: 1, max: 100000, default: '100' }),
} satisfies ArgShape;

const getLogs = defineCommand({
  name: 'okta-get-logs',
  args: { filter: text({ max: 4096 }), query: text({ max: 1024 }), ...rangeArgs },
  async run(ctx, args) {
    return eventsOutput('okta-get-logs', 'Okta Events', await fetchEvents(ctx, args));
  },
});

function fixedFilterCommand(name: string, title: string, filter: string): Command {
  return defineCommand({
    name,
    args: rangeArgs,
    async run(ctx, args) {
      return eventsOutput(name, title, await fetchEvents(ctx, { ...args, filter }));
    },
  });
}

export const FIXED_FILTERS = {
  'okta-get-failed-logins': 'eventType eq "user.session.start" and outcome.result eq "FAILURE"',
  'okta-get-group-assignments': 'eventType eq "group.user_membership.add"',
  'okta-get-application-assignments': 'eventType eq "application.user_membership.add"',
  'okta-get-application-authentication': 'eventType eq "user.authentication.sso"',
} as const;

export const logsCommands: Command[] = [
  getLogs,
  fixedFilterCommand('okta-get-failed-logins', 'Failed Login Events', FIXED_FILTERS['okta-get-failed-logins']),
  fixedFilterCommand('okta-get-group-assignments', 'Group Assignment Events', FIXED_FILTERS['okta-get-group-assignments']),
  fixedFilterCommand('okta-get-application-assignments', 'Application Assignment Events', FIXED_FILTERS['okta-get-application-assignments']),
  fixedFilterCommand('okta-get-application-authentication', 'Application Authentication Events', FIXED_FILTERS['okta-get-application-authentication']),
];
