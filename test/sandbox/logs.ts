// GET /api/v1/logs with Okta's two modes (okta-api.md §5.2):
//  - polling (no `until`, ASCENDING): persistence order, endless paging, a `next` link on every page, even empty;
//  - bounded (`until` given, or DESCENDING): published order inside [since, until), no `next` on the last page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LogEvent } from '../../src/okta/types.js';
import { logError } from './errors.js';
import { compile, ExprError, isIsoDate, parseExpr, pathValues, violation, type Expr, type ExprRules, type Predicate } from './expr.js';
import { collectPage, queryOf, setPageLinks, type RouteContext } from './http.js';
import type { StoredEvent, Store } from './store.js';

const DAY = 86_400_000;
const RETENTION_MS = 90 * DAY;
const MAX_SINCE_AGE_MS = 180 * DAY;

const EVENT_FIELDS = new Set([
  'actor', 'client', 'device', 'authenticationContext', 'displayMessage', 'eventType', 'outcome', 'securityContext',
  'severity', 'debugContext', 'legacyEventType', 'transaction', 'uuid', 'version', 'request', 'target',
]);
const NO_CONTAINS = new Set(['debugContext.debugData.url', 'debugContext.debugData.requestUri']);

export const LOG_FILTER_RULES: ExprRules = {
  allowNot: true,
  check(attr, op) {
    const top = attr.split('.')[0] ?? '';
    if (!EVENT_FIELDS.has(top)) return `field is not valid: ${attr}`;
    if (op === 'co' && NO_CONTAINS.has(attr)) return `combination:${op}:${attr}`;
    return undefined;
  },
};

function dateParam(name: 'since' | 'until', value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value)) {
    const a = `${name}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`;
    const b = `${name}: must be a valid date-time or empty.`;
    throw logError(400, 'E0000001', `Api validation failed: '${name}': The date format in your query is not recognized. Please enter dates using ISO8601 string format.. '${name}': must be a valid date-time or empty.`, [a, b]);
  }
  return Date.parse(value);
}

function limitParam(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw logError(400, 'E0000001', "Api validation failed: 'limit': must be between 0 and 1000", ['limit: must be between 0 and 1000']);
  }
  return n;
}

function filterParam(source: string | undefined): Predicate<LogEvent> | undefined {
  if (source === undefined || source === '') return undefined;
  let expr: Expr;
  try {
    expr = parseExpr(source);
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    const detail = e.kind === 'operator'
      ? `Unrecognized attribute operator '${e.token}' at position ${e.position}. Expected: eq,co,sw,pr,gt,ge,lt,le`
      : e.message;
    throw logError(400, 'E0000053', `Invalid filter '${source}': ${detail}`);
  }
  const problem = violation(expr, LOG_FILTER_RULES);
  if (problem?.startsWith('combination:')) {
    const [, op, field] = problem.split(':');
    throw logError(400, 'E0000031', `The supplied combination of operator and field is not currently supported. Operator: ${op}, Field: ${field}`);
  }
  if (problem) throw logError(400, 'E0000053', problem);
  return compile<LogEvent>(expr, { values: (e, attr) => pathValues(e, attr.split('.')), caseInsensitive: true });
}

/** Every keyword must equal (case-insensitively) some attribute value or one of its hyphen-separated parts. */
function keywordParam(q: string | undefined): ((e: StoredEvent) => boolean) | undefined {
  if (q === undefined || q.trim() === '') return undefined;
  const words = q.trim().split(/\s+/);
  if (words.some((w) => w.length > 40)) {
    throw logError(400, 'E0000001', "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.", ["q: Freeform search cannot contain items longer than 40 characters."]);
  }
  if (words.length > 10) {
    throw logError(400, 'E0000001', "Api validation failed: 'q': Freeform search cannot contain more than 10 items.", ['q: Freeform search cannot contain more than 10 items.']);
  }
  const wanted = words.map((w) => w.toLowerCase());
  return (e) => {
    e.words ??= eventWords(e.event);
    const set = e.words;
    return wanted.every((w) => set.has(w));
  };
}

function eventWords(event: LogEvent): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const lower = v.toLowerCase();
      out.add(lower);
      if (lower.includes('-')) for (const part of lower.split('-')) if (part) out.add(part);
      for (const part of lower.split(/\s+/)) if (part) out.add(part);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      out.add(String(v).toLowerCase());
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(event);
  return out;
}

interface Cursor {
  ms: number;
  seq: number;
}

function cursorParam(value: string | undefined): Cursor | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^(\d+)_(\d+)$/.exec(value);
  if (!m) throw logError(400, 'E0000001', "Api validation failed: 'after': invalid cursor", ['after: invalid cursor']);
  return { ms: Number(m[1]), seq: Number(m[2]) };
}

const cursorOf = (e: StoredEvent): string => `${e.ms}_${e.seq}`;

/** Events sorted by (published, seq); the stored array already is unless the clock went backwards. */
function publishedOrder(store: Store): StoredEvent[] {
  if (store.eventsInOrder) return store.events;
  return [...store.events].sort((a, b) => a.ms - b.ms || a.seq - b.seq);
}

/** First index whose (ms, seq) is greater than (ms, seq) given; seq -1 means "first at or after ms". */
function lowerBound(list: StoredEvent[], ms: number, seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = list[mid] as StoredEvent;
    if (e.ms < ms || (e.ms === ms && e.seq <= seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function listLogs(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply): LogEvent[] {
  const { store } = ctx;
  const query = queryOf(req);
  const now = store.nowMs();
  const until = dateParam('until', query.until);
  const sinceGiven = dateParam('since', query.since);
  const limit = limitParam(query.limit);
  const sortOrder = query.sortOrder ?? 'ASCENDING';
  if (sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') {
    throw logError(400, 'E0000001', "Api validation failed: 'sortOrder': must be ASCENDING or DESCENDING", ['sortOrder: must be ASCENDING or DESCENDING']);
  }
  const polling = until === undefined && sortOrder === 'ASCENDING';
  const after = cursorParam(query.after);
  if (polling && after && sinceGiven !== undefined) {
    throw logError(400, 'E0000001', "Api validation failed: 'since': since and after cannot be used together", ['since: since and after cannot be used together']);
  }
  if (sinceGiven !== undefined && now - sinceGiven > MAX_SINCE_AGE_MS) {
    throw logError(400, 'E0000053', 'Invalid parameter: The since parameter is over 180 days prior to the current day.');
  }
  const filter = filterParam(query.filter);
  const keywords = keywordParam(query.q);
  const matches = (e: StoredEvent): boolean => (!filter || filter(e.event)) && (!keywords || keywords(e));
  const upper = until ?? now + 1;
  const since = Math.max(sinceGiven ?? upper - 7 * DAY, now - RETENTION_MS);

  if (polling) {
    const events = store.events;
    let i = after ? after.seq : store.eventsInOrder ? lowerBound(events, since, -1) : 0;
    const page: StoredEvent[] = [];
    let lastSeen: StoredEvent | undefined;
    for (; i < events.length && page.length < limit; i++) {
      const e = events[i] as StoredEvent;
      lastSeen = e;
      if (e.ms < since && !after) continue;
      if (matches(e)) page.push(e);
    }
    const resume = lastSeen ? cursorOf(lastSeen) : after ? `${after.ms}_${after.seq}` : `${since}_${i}`;
    setPageLinks(req, reply, ctx, '/api/v1/logs', query, resume, ['since']);
    return page.map((e) => e.event);
  }

  const ordered = publishedOrder(store);
  const desc = sortOrder === 'DESCENDING';
  const lo = lowerBound(ordered, since, -1);
  const hi = lowerBound(ordered, upper, -1);
  const { page, more } = desc
    ? collectPage(ordered, (after ? Math.min(hi, lowerBound(ordered, after.ms, after.seq - 1)) : hi) - 1, lo - 1, -1, matches, limit)
    : collectPage(ordered, after ? Math.max(lo, lowerBound(ordered, after.ms, after.seq)) : lo, hi, 1, matches, limit);
  const last = page[page.length - 1];
  setPageLinks(req, reply, ctx, '/api/v1/logs', query, more && last ? cursorOf(last) : undefined);
  return page.map((e) => e.event);
}

export function registerLogRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/logs', async (req, reply) => listLogs(ctx, req, reply));
}
