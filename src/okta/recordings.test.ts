// Documented Okta error answers → the documented client errors: first our own fixtures, then (when the shared
// reference is present beside the repo) the recorded 429, 404 and 403 answers of real orgs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { OktaApiError } from './errors';
import { RATE_LIMIT_RESET_IN_MS, errorFixtures } from './fixtures/okta-errors';
import { ORG, TOKEN, testClient } from './test-support/helpers';
import { useNock } from './test-support/nock';

useNock();

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('project fixtures of documented errors', () => {
  it.each(errorFixtures.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { client } = testClient({ maxRetries: 0 });
    nock(ORG).intercept(fixture.path, fixture.method).reply(fixture.status, fixture.body, fixture.headers);
    const error = await failure(client.request({ method: fixture.method, path: new URL(`${ORG}${fixture.path}`) }));
    expect(error).toBeInstanceOf(OktaApiError);
    expect(error).toMatchObject({
      status: fixture.status,
      errorCode: fixture.expected.errorCode,
      requestId: fixture.headers['X-Okta-Request-Id'],
      message: fixture.expected.message,
    });
    if (fixture.status === 429) expect(error).toMatchObject({ retryAfterMs: RATE_LIMIT_RESET_IN_MS });
  });
});

// ---- recorded answers (optional) -------------------------------------------------------------------------------

const RECORDINGS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/recordings/okta-sdk-python');
const haveRecordings = existsSync(RECORDINGS);
if (!haveRecordings) console.log(`Skipping the recorded-response tests: ${RECORDINGS} does not exist (the shared reference is optional).`);

interface Interaction {
  method: string;
  uri: URL;
  requestHeaders: Record<string, string[]>;
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

/** VCR cassettes store headers either as lists or as plain strings, depending on the recorder version. */
function headerLists(raw: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    out[name.toLowerCase()] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return out;
}

/** obj.a.b.c of parsed YAML, or undefined. */
function at(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const key of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function cassette(file: string): Interaction[] {
  const doc: unknown = YAML.parse(readFileSync(resolve(RECORDINGS, file), 'utf8'));
  const interactions = at(doc, 'interactions');
  return (Array.isArray(interactions) ? interactions : []).map((it: unknown) => ({
    method: String(at(it, 'request', 'method')),
    uri: new URL(String(at(it, 'request', 'uri'))),
    requestHeaders: headerLists(at(it, 'request', 'headers')),
    status: Number(at(it, 'response', 'status', 'code')),
    headers: headerLists(at(it, 'response', 'headers')),
    body: String(at(it, 'response', 'body', 'string') ?? ''),
  }));
}

/** The recorded headers minus those describing the original transfer (the body is stored decoded). */
function replayHeaders(headers: Record<string, string[]>): Record<string, string[]> {
  const out = { ...headers };
  for (const name of ['content-encoding', 'transfer-encoding', 'content-length', 'connection']) delete out[name];
  return out;
}

function replay(it: Interaction, times = 1): void {
  nock(it.uri.origin)
    .intercept(`${it.uri.pathname}${it.uri.search}`, it.method)
    .times(times)
    .reply(it.status, it.body, replayHeaders(it.headers));
}

const recordedErrors = haveRecordings
  ? readdirSync(RECORDINGS)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((file) => cassette(file).map((interaction, index) => ({ file, index, interaction })))
      .filter(({ interaction }) => interaction.status === 403 || interaction.status === 404)
  : [];

describe('recorded 403 and 404 answers', () => {
  it.skipIf(!haveRecordings)('there are some to check', () => {
    expect(recordedErrors.map((r) => r.interaction.status)).toEqual(expect.arrayContaining([403, 404]));
  });

  it.skipIf(!haveRecordings).each(recordedErrors.map((r) => [`${r.file}#${r.index}`, r.interaction] as const))(
    '%s',
    async (_name, recorded) => {
      const { client } = testClient({ orgUrl: recorded.uri.origin });
      replay(recorded);
      const error = await failure(client.request({ method: recorded.method as 'GET', path: recorded.uri }));
      const body = JSON.parse(recorded.body) as { errorCode: string; errorSummary: string; errorId: string; errorCauses: Array<{ errorSummary: string }> };
      const firstLine = `Okta API error ${recorded.status} ${body.errorCode}: ${body.errorSummary} [errorId ${body.errorId}]`;
      const causes = body.errorCauses.map((c) => `\nCause: ${c.errorSummary}`).join('');
      expect(error).toBeInstanceOf(OktaApiError);
      expect(error).toMatchObject({
        status: recorded.status,
        errorCode: body.errorCode,
        errorId: body.errorId,
        errorCauses: body.errorCauses.map((c) => c.errorSummary),
        requestId: recorded.headers['x-okta-request-id']?.[0],
        message: `${firstLine}${causes}`,
      });
    },
  );
});

describe('the recorded 429', () => {
  const find = () => {
    const list = cassette('TestAgentPoolsResource.test_list_agent_pools_with_multiple_pool_types.yaml');
    const at = list.findIndex((i) => i.status === 429);
    const limited = list[at];
    const after = list[at + 1];
    if (!limited || !after) throw new Error('the cassette no longer has a 429 followed by a retry');
    return { limited, after };
  };
  const expectedWait = (limited: Interaction): number =>
    Number(limited.headers['x-rate-limit-reset']?.[0]) * 1000 - Date.parse(limited.headers['date']?.[0] ?? '');

  it.skipIf(!haveRecordings)('waits by Reset against Date, then retries with X-Okta-Retry-For', async () => {
    const { limited, after } = find();
    const { client, sleeps } = testClient({ orgUrl: limited.uri.origin });
    replay(limited);
    nock(after.uri.origin)
      .get(`${after.uri.pathname}${after.uri.search}`)
      .matchHeader('x-okta-retry-for', after.requestHeaders['x-okta-retry-for']?.[0] ?? 'missing')
      .matchHeader('x-okta-retry-count', '1')
      .matchHeader('authorization', `SSWS ${TOKEN}`)
      .reply(after.status, after.body, replayHeaders(after.headers));
    const res = await client.request({ method: 'GET', path: limited.uri });
    expect(res.data).toEqual(JSON.parse(after.body));
    const wait = expectedWait(limited);
    expect(wait).toBeGreaterThan(0);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(wait);
    expect(sleeps[0]).toBeLessThan(wait + 1000);
  });

  it.skipIf(!haveRecordings)('when it persists: the documented 429 error naming the reset', async () => {
    const { limited } = find();
    const { client } = testClient({ orgUrl: limited.uri.origin, maxRetries: 0 });
    replay(limited);
    const error = await failure(client.request({ method: 'GET', path: limited.uri }));
    const body = JSON.parse(limited.body) as { errorId: string };
    const resetAt = new Date(Number(limited.headers['x-rate-limit-reset']?.[0]) * 1000).toISOString();
    expect(error).toMatchObject({ status: 429, errorCode: 'E0000047', retryAfterMs: expectedWait(limited) });
    expect((error as Error).message).toBe(
      `Okta API error 429 E0000047: API call exceeded rate limit due to too many requests. [errorId ${body.errorId}]\n` +
        `Hint: Okta's rate limit for this endpoint was exceeded. The limit resets at ${resetAt}. ` +
        'Retry later, lower the request rate, or ask the Okta admin to raise the limit.',
    );
  });
});
