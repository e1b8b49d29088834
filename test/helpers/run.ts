// Runs one command through the real dispatcher (arguments, client, funnel) against a nock-mocked org.
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { execute, type ExecuteHooks } from '../../src/runtime/dispatcher';
import type { Entry } from '../../src/runtime/entry';

export const ORG = 'https://acme.okta.com';
export const TOKEN = 'test-token-0000-never-printed';
export const PARAMS = { url: ORG, credentials: { identifier: '', password: TOKEN } };

/** No real network, and every test must consume exactly the interceptors it declared. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length) throw new Error(`Requests that were expected but never sent: ${pending.join(', ')}`);
  });
}

export async function run(command: string, args: Record<string, unknown> = {}, hooks: ExecuteHooks = {}): Promise<Entry[]> {
  const entries = await execute({ command, args, params: PARAMS }, { sleep: async () => {}, ...hooks });
  // Whatever happened, the token never leaves the process.
  if (JSON.stringify(entries).includes(TOKEN)) throw new Error('The API token leaked into an entry');
  return entries;
}

/** The single entry a command produced. */
export async function runOne(command: string, args: Record<string, unknown> = {}, hooks: ExecuteHooks = {}): Promise<Entry> {
  const entries = await run(command, args, hooks);
  if (entries.length !== 1) throw new Error(`Expected one entry, got ${entries.length}`);
  return entries[0]!;
}

export const okta = () => nock(ORG, { reqheaders: { authorization: `SSWS ${TOKEN}` } });
