// Request economy: every command (by id and by name where both exist) against a fresh demo org, counted from the
// sandbox request log and compared with the fewest requests Okta's API allows for the same answer.
import { listAll } from './sandbox.mjs';

export const LOG_PAGE_MAX = 1000;
export const MEMBERS_PAGE_MAX = 1000;

/** The org every scenario starts from: the demo seed, a 2,500-member group (3 member pages), 3,000 extra events. */
export const ROUND_TRIP_ORG = { seed: 'demo', users: 2500, events: 3000 };

/**
 * The fewest /api/v1/logs requests that return `min(matching, limit)` events.
 * A polling query (no `until`, ASCENDING) has a next link on every page; Okta documents the empty page as its only
 * end, so a polling query that runs out of events before `limit` needs that empty page too. A bounded query ends
 * at the page without a next link.
 */
export function logRequestsMinimum({ matching, limit, polling }) {
  if (matching >= limit) return Math.ceil(limit / LOG_PAGE_MAX);
  if (polling) return Math.ceil(matching / LOG_PAGE_MAX) + 1;
  return Math.max(1, Math.ceil(matching / LOG_PAGE_MAX));
}

export function logWhy({ matching, limit, polling }) {
  if (matching >= limit) return `${matching} matching ≥ limit ${limit}: ${Math.ceil(limit / LOG_PAGE_MAX)} page(s) of ≤ ${LOG_PAGE_MAX}`;
  const pages = Math.ceil(matching / LOG_PAGE_MAX);
  if (polling) return `${matching} matching < limit ${limit}: ${pages} page(s) + the empty page that ends a polling query`;
  return `${matching} matching < limit ${limit}, bounded: ${Math.max(1, pages)} page(s), the last without a next link`;
}

/** Members come in pages of up to 1,000; the page without a next link ends the list (an empty group is one page). */
export function memberRequestsMinimum(members, limit = Number.POSITIVE_INFINITY) {
  return Math.max(1, Math.ceil(Math.min(members, limit) / MEMBERS_PAGE_MAX));
}

/** Compares one scenario's requests with its minimum. */
export function judge(minimum, requests) {
  const actual = requests.length;
  return { minimum, actual, ratio: minimum > 0 ? actual / minimum : Number.NaN, extra: Math.max(0, actual - minimum) };
}

const q = encodeURIComponent;

async function userId(sandbox, login) {
  const [user] = await listAll(sandbox, `/api/v1/users?search=${q(`profile.login eq "${login}"`)}&limit=2`, 1);
  if (!user) throw new Error(`the demo org has no user ${login}`);
  return user.id;
}

async function groupId(sandbox, name) {
  const groups = await listAll(sandbox, `/api/v1/groups?search=${q(`profile.name eq "${name}"`)}`, 1);
  const group = groups.find((g) => g.profile.name === name);
  if (!group) throw new Error(`the demo org has no group ${name}`);
  return group.id;
}

async function factorId(sandbox, user, type) {
  const res = await sandbox.api('GET', `/api/v1/users/${user}/factors`);
  const factor = res.json().find((f) => f.factorType === type);
  if (!factor) throw new Error(`user ${user} has no ${type} factor`);
  return factor.id;
}

/** The ids the scenarios need, read after each reset (before the request log is cleared). */
async function lookUp(sandbox) {
  const logins = {
    jdoe: 'jdoe@example.com', asmith: 'asmith@example.com', jane: 'jane.doe@example.com', locked: 'locked.user@example.com',
    suspended: 'suspended.user@example.com', staged: 'staged.user@example.com', nofactor: 'nofactor@example.com',
  };
  const refs = { logins };
  for (const [key, login] of Object.entries(logins)) refs[key] = await userId(sandbox, login);
  refs.engineering = await groupId(sandbox, 'Engineering');
  refs.sales = await groupId(sandbox, 'Sales');
  refs.generated = await groupId(sandbox, 'Generated Users');
  refs.jdoePush = await factorId(sandbox, refs.jdoe, 'push');
  refs.asmithTotp = await factorId(sandbox, refs.asmith, 'token:software:totp');
  return refs;
}

/** Matching events for a log query as the product would send it, counted by paging the sandbox directly. */
async function matchingEvents(sandbox, { filter, since, until, sortOrder = 'ASCENDING' }) {
  const params = new URLSearchParams({ limit: String(LOG_PAGE_MAX), sortOrder });
  if (filter) params.set('filter', filter);
  if (since) params.set('since', since);
  if (until) params.set('until', until);
  return (await listAll(sandbox, `/api/v1/logs?${params}`)).length;
}

const ONE = { minimum: () => 1 };
const TWO = { minimum: () => 2 };

/** A command acting on one user: `okta-x userId=…` needs `perId` requests, and by username one search more. */
function perUser(command, who, perId, extraArgs = {}, why = '') {
  const idWhy = why || 'one call on the user id';
  return [
    { command, variant: 'by id', args: (r) => ({ userId: r[who], ...extraArgs }), minimum: () => perId, why: idWhy },
    { command, variant: 'by name', args: (r) => ({ username: r.logins[who], ...extraArgs }), minimum: () => perId + 1, why: `login search + ${idWhy}` },
  ];
}

function logScenario(command, variant, args, query, limit) {
  const polling = !query.until && (query.sortOrder ?? 'ASCENDING') === 'ASCENDING';
  return {
    command,
    variant,
    args: () => args,
    async minimum(_refs, sandbox) {
      const matching = await matchingEvents(sandbox, query);
      return { value: logRequestsMinimum({ matching, limit, polling }), why: logWhy({ matching, limit, polling }) };
    },
  };
}

/** Every scenario: 23 commands, by id and by name where the command takes either, plus paging variants. */
export function scenarios(now = new Date()) {
  const eightDaysAgo = new Date(now.getTime() - 8 * 86_400_000).toISOString();
  const inOneHour = new Date(now.getTime() + 3_600_000).toISOString();
  const filters = {
    'okta-get-failed-logins': 'eventType eq "user.session.start" and outcome.result eq "FAILURE"',
    'okta-get-group-assignments': 'eventType eq "group.user_membership.add"',
    'okta-get-application-assignments': 'eventType eq "application.user_membership.add"',
    'okta-get-application-authentication': 'eventType eq "user.authentication.sso"',
  };
  const membership = (command, who, group) => [
    { command, variant: 'by ids', args: (r) => ({ userId: r[who], groupId: r[group] }), ...ONE, why: 'the PUT/DELETE on /groups/{g}/users/{u}' },
    {
      command,
      variant: 'by names',
      args: (r) => ({ username: r.logins[who], groupName: group === 'engineering' ? 'Engineering' : 'Sales' }),
      minimum: () => 3,
      why: 'group search + login search + the membership call',
    },
  ];
  return [
    { command: 'test-module', variant: '', args: () => ({}), ...ONE, why: 'GET /users/me' },
    ...perUser('okta-unlock-user', 'locked', 1),
    ...perUser('okta-deactivate-user', 'jdoe', 1),
    ...perUser('okta-activate-user', 'staged', 1),
    ...perUser('okta-suspend-user', 'jdoe', 1),
    ...perUser('okta-unsuspend-user', 'suspended', 1),
    ...perUser('okta-get-user-factors', 'jdoe', 1),
    ...['by id', 'by name (login as userId)'].map((variant) => ({
      command: 'okta-verify-push-factor',
      variant: `${variant}, answered at the 1st poll`,
      setup: (r, sandbox) => sandbox.pushOutcome(r.jdoePush, 'SUCCESS', 0),
      args: (r) => ({ userId: variant === 'by id' ? r.jdoe : r.logins.jdoe, factorId: r.jdoePush, interval_seconds: '1', timeout_seconds: '30' }),
      minimum: () => 3,
      why: 'GET the factor (a non-push factor must be refused before any verify call: an SMS verify would text the user) + POST verify (WAITING) + 1 poll (SUCCESS)',
    })),
    ...perUser('okta-reset-factor', 'asmith', 1).map((s) => ({ ...s, args: (r) => ({ ...s.args(r), factorId: r.asmithTotp }) })),
    ...perUser('okta-get-groups', 'asmith', 1, {}, 'GET /users/{id}/groups (one page)'),
    ...perUser('okta-set-password', 'jane', 1, { password: 'Bench-Passw0rd!1' }),
    ...perUser('okta-set-password', 'jane', 2, { password: 'Bench-Passw0rd!2', temporary_password: 'true' }, 'password update + expire_password').map((s) => ({ ...s, variant: `${s.variant}, temporary` })),
    { command: 'okta-search', variant: '', args: () => ({ term: 'Doe' }), ...ONE, why: 'q= is one unpaged answer' },
    { command: 'okta-get-user', variant: 'by id', args: (r) => ({ userId: r.jdoe }), ...ONE, why: 'GET /users/{id}' },
    { command: 'okta-get-user', variant: 'by id (userid)', args: (r) => ({ userid: r.jdoe }), ...ONE, why: 'GET /users/{id}' },
    { command: 'okta-get-user', variant: 'by name', args: (r) => ({ username: r.logins.jdoe }), ...ONE, why: 'the login search is the read' },
    {
      command: 'okta-create-user',
      variant: 'with password and groupIds',
      args: (r) => ({ firstName: 'Bench', lastName: 'Mark', email: 'bench.mark@example.com', login: 'bench.mark@example.com', password: 'Bench-Passw0rd!3', groupIds: r.engineering }),
      ...ONE,
      why: 'one POST /users (groups travel in the body)',
    },
    ...perUser('okta-update-user', 'jdoe', 1, { title: 'Principal Engineer' }),
    ...Object.entries(filters).map(([command, filter]) => logScenario(command, 'defaults (limit 100)', {}, { filter }, 100)),
    ...membership('okta-add-to-group', 'jane', 'engineering'),
    ...membership('okta-remove-from-group', 'jdoe', 'engineering'),
    logScenario('okta-get-logs', 'defaults (limit 100)', {}, {}, 100),
    logScenario('okta-get-logs', 'limit 2500 (3 pages)', { limit: '2500' }, {}, 2500),
    logScenario('okta-get-logs', 'bounded since/until, all events', { since: eightDaysAgo, until: inOneHour, limit: '100000' }, { since: eightDaysAgo, until: inOneHour }, 100000),
    logScenario('okta-get-logs', 'DESCENDING, limit 1500', { sortOrder: 'DESCENDING', limit: '1500' }, { sortOrder: 'DESCENDING' }, 1500),
    logScenario('okta-get-logs', 'filter, fewer matches than limit', { filter: filters['okta-get-group-assignments'], limit: '1000' }, { filter: filters['okta-get-group-assignments'] }, 1000),
    { command: 'okta-list-groups', variant: 'defaults', args: () => ({}), ...ONE, why: 'all groups fit one page of 200' },
    { command: 'okta-list-groups', variant: 'query', args: () => ({ query: 'Eng' }), ...ONE, why: 'q= is one unpaged answer' },
    {
      command: 'okta-get-group-members',
      variant: 'by id (2,500 members)',
      args: (r) => ({ groupId: r.generated }),
      minimum: () => memberRequestsMinimum(ROUND_TRIP_ORG.users),
      why: `${ROUND_TRIP_ORG.users} members in pages of ≤ ${MEMBERS_PAGE_MAX}`,
    },
    {
      command: 'okta-get-group-members',
      variant: 'by name (2,500 members)',
      args: () => ({ groupName: 'Generated Users' }),
      minimum: () => 1 + memberRequestsMinimum(ROUND_TRIP_ORG.users),
      why: `group search + ${ROUND_TRIP_ORG.users} members in pages of ≤ ${MEMBERS_PAGE_MAX}`,
    },
    {
      command: 'okta-get-group-members',
      variant: 'by id, limit 5',
      args: (r) => ({ groupId: r.generated, limit: '5' }),
      minimum: () => memberRequestsMinimum(ROUND_TRIP_ORG.users, 5),
      why: 'one page of 5',
    },
  ];
}

const describeRequest = (r) => {
  const query = new URLSearchParams(r.query).toString();
  return `${r.method} ${r.path}${query ? `?${query}` : ''} → ${r.status}`;
};

/**
 * Runs every scenario through the library door (`execute`) against `sandbox`, each on a freshly reset org.
 * `execute` is dist/okta.js's export; the push interval is skipped through its sleep hook (the count is what matters).
 */
export async function runRoundTrips(sandbox, execute, { now = new Date(), log = () => {} } = {}) {
  const params = { url: sandbox.url, credentials: { password: sandbox.token } };
  const results = [];
  for (const scenario of scenarios(now)) {
    await sandbox.reset(ROUND_TRIP_ORG);
    const refs = await lookUp(sandbox);
    await scenario.setup?.(refs, sandbox);
    // a minimum is a number (explained by scenario.why) or { value, why } when it depends on the org's data
    const computed = await scenario.minimum(refs, sandbox);
    const { value: minimum, why } = typeof computed === 'number' ? { value: computed, why: scenario.why } : computed;
    await sandbox.clearRequests();
    const entries = await execute({ command: scenario.command, args: scenario.args(refs), params }, { sleep: async () => {} });
    const requests = await sandbox.requests();
    const errors = entries.filter((e) => e.Type === 4).map((e) => String(e.Contents).split('\n').slice(0, 3).join(' '));
    const verdict = judge(minimum, requests);
    results.push({
      command: scenario.command,
      variant: scenario.variant,
      why,
      ...verdict,
      requests: requests.map(describeRequest),
      errors,
    });
    log(`  ${scenario.command} ${scenario.variant}: ${verdict.actual}/${verdict.minimum}${errors.length ? ' (error entry)' : ''}`);
  }
  return results;
}
