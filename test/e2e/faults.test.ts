// The fault matrix: the sandbox misbehaves on purpose (controls.fault / rateLimit / pushOutcome) and the built
// bundle must end every case within a bounded time, with a clear message, without repeating a mutation, and
// without the token in any entry or log line (debug included).
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, accountOf, failure, result, userTable } from './expected';
import {
  E2E_TOKEN, FROZEN_NOW, assertTokenAbsent, mutations, only, paramsFor, requestLines, runLibrary, useSandbox, type LibraryRun,
} from './support';

const sb = useSandbox();

const userOf = (login: string) => sb().controls.state.userByLogin(login)!;
const USER_PATH = '^/api/v1/users/[^/]+$';
const SUSPEND_PATH = '^/api/v1/users/[^/]+/lifecycle/suspend$';

/** Runs a command with the given extra params and returns its run, after checking the token stayed secret. */
async function run(command: string, args: Record<string, unknown>, extraParams: Record<string, unknown> = {}): Promise<LibraryRun> {
  const outcome = await runLibrary(sb(), command, args, { ...paramsFor(sb()), ...extraParams });
  assertTokenAbsent(E2E_TOKEN, outcome.entries, outcome.logs);
  return outcome;
}

const statuses = (): number[] => sb().controls.requests().map((r) => r.status);
const suspendEvents = (): number => sb().controls.state.events().filter((e) => e.eventType === 'user.lifecycle.suspend').length;

function expectFailure(outcome: LibraryRun, command: string, pattern: RegExp): void {
  const entry = only(outcome);
  expect(entry.Type).toBe(4);
  expect(String(entry.Contents).startsWith(`Failed to execute ${command} command.\nError:\n`)).toBe(true);
  expect(String(entry.Contents)).toMatch(pattern);
}

describe('server errors', () => {
  it('500 on a read: not retried, the Okta error as it came', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'GET', path: USER_PATH, kind: '500', count: 5 });
    const outcome = await run('okta-get-user', { userId: jdoe.id });
    expectFailure(outcome, 'okta-get-user', /\nOkta API error 500 E0000009: Internal Server Error \[errorId oae[\w-]+\]/);
    expect(statuses()).toEqual([500]);
  });

  it('500 on a suspend: one POST, the user unchanged, no second attempt', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'POST', path: SUSPEND_PATH, kind: '500', count: 5 });
    const outcome = await run('okta-suspend-user', { userId: jdoe.id });
    expectFailure(outcome, 'okta-suspend-user', /Okta API error 500 E0000009/);
    expect(requestLines(sb().controls.requests())).toEqual([`POST /api/v1/users/${jdoe.id}/lifecycle/suspend`]);
    expect(userOf('jdoe@example.com').status).toBe('ACTIVE');
  });

  it('503 then success on a read: retried once, and the answer is the normal one', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'GET', path: USER_PATH, kind: '503', count: 1 });
    const outcome = await run('okta-get-user', { userId: jdoe.id });
    expect(only(outcome)).toEqual(result(userTable('Okta user: jdoe@example.com', [jdoe]), { [ACCOUNT_KEY]: [accountOf(jdoe)] }, jdoe));
    expect(statuses()).toEqual([503, 200]);
    expect(outcome.logs.debug.some((line) => /answered 503; retrying in \d+ ms/.test(line))).toBe(true);
  });

  it('503 on a suspend is not repeated: a POST may have happened before the gateway gave up', async () => {
    sb().controls.fault({ method: 'POST', path: SUSPEND_PATH, kind: '503', count: 1 });
    const outcome = await run('okta-suspend-user', { username: 'jdoe@example.com' });
    expectFailure(outcome, 'okta-suspend-user', /Okta API error 503 E0000010: Service is in read only mode/);
    expect(mutations(sb().controls.requests())).toHaveLength(1);
  });
});

describe('broken transport', () => {
  it('a stalled response ends at the Request timeout parameter, unretried', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'GET', path: USER_PATH, kind: 'stall', stallMs: 10_000, count: 5 });
    const started = Date.now();
    const outcome = await run('okta-get-user', { userId: jdoe.id }, { timeout: '1' });
    // far below the 10 s stall and the 60 s default: the 1 s parameter ended it
    expect(Date.now() - started).toBeLessThan(8000);
    expectFailure(outcome, 'okta-get-user', new RegExp(`Okta did not answer GET /api/v1/users/${jdoe.id} within 1 s \\(${sb().url}\\)\\. Check the URL parameter`));
  });

  it('a stalled suspend times out once and is never sent again', async () => {
    const jdoe = userOf('jdoe@example.com');
    // Only the first POST stalls: a second attempt would go through, show in the log and suspend the user.
    sb().controls.fault({ method: 'POST', path: SUSPEND_PATH, kind: 'stall', stallMs: 1500, count: 1 });
    const outcome = await run('okta-suspend-user', { userId: jdoe.id }, { timeout: '0.5' });
    expectFailure(outcome, 'okta-suspend-user', new RegExp(`Okta did not answer POST /api/v1/users/${jdoe.id}/lifecycle/suspend within 500 ms`));
    await new Promise((done) => setTimeout(done, 1800));
    expect(sb().controls.requests().filter((r) => r.status === 200)).toEqual([]);
    expect(userOf('jdoe@example.com').status).toBe('ACTIVE');
    expect(suspendEvents()).toBe(0);
  });

  it('a reset connection on a read is retried and succeeds', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'GET', path: USER_PATH, kind: 'reset', count: 1 });
    const outcome = await run('okta-get-user', { userId: jdoe.id });
    expect(only(outcome).EntryContext).toEqual({ [ACCOUNT_KEY]: [accountOf(jdoe)] });
    expect(statuses()).toEqual([0, 200]);
  });

  it('a reset connection on a suspend is reported, not repeated, and changed nothing', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'POST', path: SUSPEND_PATH, kind: 'reset', count: 1 });
    const outcome = await run('okta-suspend-user', { userId: jdoe.id });
    expectFailure(outcome, 'okta-suspend-user', new RegExp(`The connection to ${sb().url} was closed unexpectedly during POST /api/v1/users/${jdoe.id}/lifecycle/suspend`));
    expect(mutations(sb().controls.requests())).toHaveLength(1);
    expect(userOf('jdoe@example.com').status).toBe('ACTIVE');
    expect(suspendEvents()).toBe(0);
  });
});

describe('answers that are not Okta JSON', () => {
  it('an HTML error page (a proxy\'s 502): retried twice, then named as not JSON with an excerpt', async () => {
    sb().controls.fault({ method: 'GET', path: '^/api/v1/groups$', kind: 'html', count: 10 });
    const outcome = await run('okta-list-groups', { query: 'Eng' });
    expectFailure(outcome, 'okta-list-groups', /Okta returned a response that is not JSON \(HTTP 502, text\/html\) for \/api\/v1\/groups\?q=Eng&limit=200: "<!DOCTYPE html> <html><head><title>502 Bad Gateway<\/title>/);
    expect(String(only(outcome).Contents)).toContain('The URL parameter is probably not the Okta org URL');
    expect(statuses()).toEqual([502, 502, 502]);
  });

  it('truncated JSON on a read is reported, not parsed into half a user', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'GET', path: USER_PATH, kind: 'truncated', count: 1 });
    const outcome = await run('okta-get-user', { userId: jdoe.id });
    expectFailure(outcome, 'okta-get-user', new RegExp(`Okta returned a response that is not JSON \\(HTTP 200, application/json[^)]*\\) for /api/v1/users/${jdoe.id}`));
    expect(only(outcome).EntryContext).toBeUndefined();
  });

  it('truncated JSON on a listing fails the command rather than returning part of it', async () => {
    sb().controls.fault({ method: 'GET', path: '^/api/v1/logs$', kind: 'truncated', count: 1 });
    const outcome = await run('okta-get-logs', { until: FROZEN_NOW.toISOString(), limit: '150' });
    expectFailure(outcome, 'okta-get-logs', /Okta returned a response that is not JSON \(HTTP 200, application\/json[^)]*\) for \/api\/v1\/logs\?until=/);
    expect(only(outcome).EntryContext).toBeUndefined();
    expect(statuses()).toEqual([200]);
  });
});

describe('rate limits', () => {
  it('a 429 storm: two waits from X-Rate-Limit-Reset, then Okta\'s error with the reset time', async () => {
    sb().controls.fault({ method: 'GET', path: '^/api/v1/users$', kind: '429', count: 50 });
    const outcome = await run('okta-search', { term: 'doe' });
    expectFailure(outcome, 'okta-search', /Okta API error 429 E0000047: API call exceeded rate limit due to too many requests\..*\nHint: Okta's rate limit for this endpoint was exceeded\. The limit resets at \d{4}-\d\d-\d\dT[\d:.]+Z\./s);
    expect(statuses()).toEqual([429, 429, 429]);
    const retries = sb().controls.requests();
    expect(retries.every((r) => r.query['q'] === 'doe')).toBe(true);
  });

  it('a 429 on a suspend is safe to retry (Okta did nothing): one suspension in the end', async () => {
    const jdoe = userOf('jdoe@example.com');
    sb().controls.fault({ method: 'POST', path: SUSPEND_PATH, kind: '429', count: 1 });
    const outcome = await run('okta-suspend-user', { userId: jdoe.id });
    expect(only(outcome).EntryContext).toEqual({ [ACCOUNT_KEY]: { ID: jdoe.id, Status: 'SUSPENDED', Type: 'Okta' } });
    expect(statuses()).toEqual([429, 200]);
    expect(suspendEvents()).toBe(1);
  });

  it('a bulk listing on a small bucket is paced to the reset instead of running into 429', async () => {
    sb().controls.reset({ events: 2500 });
    sb().controls.rateLimit('logs', 3, 2);
    const outcome = await run('okta-get-logs', { until: FROZEN_NOW.toISOString(), limit: '2500' });
    const entry = only(outcome);
    expect(entry.Type).toBe(1);
    expect((entry.EntryContext?.['Okta.Logs.Events(val.uuid && val.uuid === obj.uuid)'] as unknown[]).length).toBe(2500);
    expect(statuses()).toEqual([200, 200, 200]);
    expect(sb().controls.stats().sent429).toBe(0);
    expect(outcome.logs.debug.filter((line) => /rate limit nearly used \(\d+ left\); pacing \d+ ms/.test(line)).length).toBeGreaterThanOrEqual(1);
  });
});

describe('links that must not be followed', () => {
  it('a Link loop (next = self) stops after the repeated page, each group once', async () => {
    sb().controls.fault({ method: 'GET', path: '^/api/v1/groups$', kind: 'link-loop', count: 10 });
    const outcome = await run('okta-list-groups', { query: 'Eng' });
    const names = (only(outcome).EntryContext?.['Okta.Group(val.ID && val.ID === obj.ID)'] as Array<{ Name: string }>).map((g) => g.Name);
    expect(names).toEqual(['Engineering', 'Engineering-EU']);
    expect(requestLines(sb().controls.requests())).toEqual(['GET /api/v1/groups?q=Eng&limit=200']);
    expect(outcome.logs.debug.some((line) => line.includes('the next link repeats a cursor already seen'))).toBe(true);
  });

  it('a next link to another host is refused: no request leaves for it, the token stays home', async () => {
    const trap = await foreignTrap();
    try {
      sb().controls.fault({ method: 'GET', path: '^/api/v1/logs$', kind: 'foreign-next', count: 1 });
      // 200 seeded events fill the first page; a limit of 300 needs the next one
      const outcome = await run('okta-get-logs', { limit: '300' });
      // The first page's events are kept (in context), followed by the error that says where the listing stopped.
      expect(outcome.entries).toHaveLength(2);
      const [events, stopped] = outcome.entries;
      expect(events?.Type).toBe(1);
      const kept = (Object.values(events?.EntryContext ?? {})[0] as unknown[]).length;
      expect(kept).toBe(sb().controls.state.events().length);
      expect(stopped?.Type).toBe(4);
      expect(String(stopped?.Contents)).toMatch(
        new RegExp(`^Failed to execute okta-get-logs command\\.\nError:\nStopped after ${kept} events: Refused to follow a next link outside ${sb().url}: http://127\\.0\\.0\\.2:\\d+\\. The API token is only sent to the Okta org\\.`),
      );
      expect(sb().controls.requests()).toHaveLength(1);
      expect(trap.connections()).toBe(0);
    } finally {
      await trap.close();
    }
  });

  it('a push whose poll link points at another host is refused before the first poll', async () => {
    const jdoe = userOf('jdoe@example.com');
    const push = sb().controls.state.factorsOf(jdoe.id).find((f) => f.factorType === 'push')!;
    const trap = await foreignTrap();
    try {
      sb().controls.fault({ method: 'POST', path: '/verify$', kind: 'foreign-poll', count: 1 });
      const outcome = await run('okta-verify-push-factor', { userId: jdoe.id, factorId: push.id, interval_seconds: '1', timeout_seconds: '5' });
      expectFailure(outcome, 'okta-verify-push-factor', new RegExp(`Refused to follow a link outside ${sb().url}: http://127\\.0\\.0\\.2:\\d+\\.`));
      expect(requestLines(sb().controls.requests())).toEqual([`GET /api/v1/users/${jdoe.id}/factors/${push.id}`, `POST /api/v1/users/${jdoe.id}/factors/${push.id}/verify`]);
      expect(trap.connections()).toBe(0);
    } finally {
      await trap.close();
    }
  });
});

describe('a push that never resolves', () => {
  it('ends at timeout_seconds with TIMEOUT and cancels the transaction', async () => {
    const asmith = userOf('asmith@example.com');
    const push = sb().controls.state.factorsOf(asmith.id).find((f) => f.factorType === 'push')!;
    sb().controls.pushOutcome(push.id, 'WAITING');
    const outcome = await run('okta-verify-push-factor', { userId: asmith.id, factorId: push.id, interval_seconds: '1', timeout_seconds: '2' });
    expect(only(outcome)).toEqual(result(`Verify push factor result for user ${asmith.id}: TIMEOUT\n`, { [ACCOUNT_KEY]: { ID: asmith.id, VerifyPushResult: 'TIMEOUT' } }, expect.objectContaining({ factorResult: 'WAITING' })));
    const lines = requestLines(sb().controls.requests());
    const transaction = `/api/v1/users/${asmith.id}/factors/${push.id}/transactions/`;
    expect(lines.slice(0, 2)).toEqual([`GET /api/v1/users/${asmith.id}/factors/${push.id}`, `POST /api/v1/users/${asmith.id}/factors/${push.id}/verify`]);
    const polls = lines.slice(2, -1);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.length).toBeLessThanOrEqual(3);
    expect(polls.every((line) => line.startsWith(`GET ${transaction}`))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^DELETE ${transaction.replace(/\./g, '\\.')}v2mst\\.\\w+$`));
    // one push sent, never a second
    expect(sb().controls.state.events().filter((e) => e.eventType === 'system.push.send_factor_verify_push')).toHaveLength(1);
  });

  it('the error for an unknown factor comes from Okta\'s 404 and names the factor', async () => {
    const jdoe = userOf('jdoe@example.com');
    const outcome = await run('okta-verify-push-factor', { userId: jdoe.id, factorId: 'opfUNKNOWN0000000001' });
    expect(only(outcome)).toEqual(failure('okta-verify-push-factor', `Factor 'opfUNKNOWN0000000001' or user '${jdoe.id}' was not found in Okta.`));
  });
});

// ---- helpers ------------------------------------------------------------------------------------------------------

/**
 * A listener on the "foreign" address the sandbox puts in its bad links (127.0.0.2, same port), counting
 * connections: the proof that the client never even tried. Where 127.0.0.2 cannot be bound it counts nothing.
 */
async function foreignTrap(): Promise<{ connections(): number; close(): Promise<void> }> {
  let count = 0;
  const port = Number(new URL(sb().url).port);
  const server: Server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  const bound = await new Promise<boolean>((done) => {
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.2', () => done(true));
  });
  if (!bound) console.log('127.0.0.2 cannot be bound here; the foreign-link cases rely on the request log alone');
  return {
    connections: () => count,
    close: () => new Promise<void>((done) => (bound ? server.close(() => done()) : done())),
  };
}
