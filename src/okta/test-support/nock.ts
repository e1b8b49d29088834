// nock for one test file: no real network, and every interceptor a test declares must have been used.
import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';

export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}
