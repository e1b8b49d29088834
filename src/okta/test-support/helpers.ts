// Shared by the client's tests: a client wired for nock, with sleeps recorded instead of waited.
import { apiTokenAuth } from '../auth';
import { OktaClient } from '../client';
import type { OktaClientOptions } from '../config';

export const ORG = 'https://acme.okta.com';
/** Shaped like a real Okta API token (42 characters), so redaction is tested on a realistic value. */
export const TOKEN = '00QCjAl4MlV-WPXM-ABCDEFGHIJKLMNOPQRSTUVWXY';

export interface TestClient {
  client: OktaClient;
  sleeps: number[];
  debug: string[];
}

export function testClient(overrides: Partial<OktaClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const debug: string[] = [];
  const client = new OktaClient({
    orgUrl: ORG,
    auth: apiTokenAuth(TOKEN),
    env: {},
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: { debug: (m) => debug.push(m) },
    ...overrides,
  });
  return { client, sleeps, debug };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** An RFC 1123 date, as Okta's Date header carries it. */
export function httpDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toUTCString();
}

/** A Node-style network error for nock's replyWithError (a plain object there leaves axios waiting forever). */
export function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
