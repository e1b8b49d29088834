// Conformance: the sandbox answers recorded real-Okta requests with the same status, errorCode, Link relations and
// deep key sets. The recordings live outside the repo (optional); project-written cassettes cover the same facts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CASSETTES } from './fixtures/cassettes.js';
import { loadCassette, replay, type ReplayOptions } from './replay.js';
import { startSandbox, type Sandbox } from './server.js';
import { sharedPath } from './testkit.js';

// Okta answered POST …/lifecycle/deactivate with 204 in 2020 and 200 {} in 2025; the sandbox gives the current form.
// The 2025 recordings add resetFactors (and forgotPassword for users with a password) to a user's _links; the 2020
// ones do not. The sandbox emits the current links, so those two keys are compared only when both sides have them.
const OPTIONS: ReplayOptions = {
  optionalKeys: ['_links.resetFactors', '_links.forgotPassword'],
  tolerate: [{ path: /\/lifecycle\/deactivate$/, recorded: 204, sandbox: 200, why: 'older orgs answered 204, current ones 200 {}' }],
};

/** Endpoints the 23 commands never use: not implemented by the sandbox, so their cassettes are skipped. */
const OUT_OF_SCOPE = new Set(['TestAgentPoolsResource.test_list_agent_pools_with_multiple_pool_types.yaml']);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
});

const recordings = sharedPath('recordings');
const cassetteFiles = recordings.exists
  ? ['okta-sdk-python', 'terraform-provider-okta'].flatMap((dir) =>
      readdirSync(path.join(recordings.path, dir)).filter((f) => f.endsWith('.yaml')).map((f) => path.join(recordings.path, dir, f)),
    )
  : [];
if (!recordings.exists) console.log(`conformance: ${recordings.path} not found; recorded-cassette replay skipped (project fixtures still run)`);
for (const f of cassetteFiles.filter((f) => OUT_OF_SCOPE.has(path.basename(f)))) {
  console.log(`conformance: ${path.basename(f)} skipped: /api/v1/agentPools is outside the sandbox's scope`);
}

describe('recorded Okta cassettes (../shared/recordings)', () => {
  const inScope = cassetteFiles.filter((f) => !OUT_OF_SCOPE.has(path.basename(f)));
  it.skipIf(!recordings.exists)('there are recordings to replay', () => {
    expect(inScope.length).toBeGreaterThan(15);
  });
  it.skipIf(!recordings.exists).each(inScope.map((f) => [path.basename(f), f]))('%s', async (_name, file) => {
    sb.controls.reset();
    const interactions = loadCassette(readFileSync(file, 'utf8'));
    expect(interactions.length).toBeGreaterThan(0);
    expect(await replay(sb, interactions, OPTIONS)).toEqual([]);
  });
});

describe('project-written cassettes (same facts, no external files)', () => {
  it.each(Object.entries(FIXTURE_CASSETTES))('%s', async (_name, interactions) => {
    sb.controls.reset();
    expect(await replay(sb, interactions, OPTIONS)).toEqual([]);
  });

  it('the comparison fails on a differing key set, status or errorCode', async () => {
    sb.controls.reset();
    const [create] = FIXTURE_CASSETTES['create and fetch a staged user'] ?? [];
    if (!create) throw new Error('fixture missing');
    const broken = { ...create, responseBody: { ...(create.responseBody as object), unexpected: true } };
    const problems = await replay(sb, [broken, { ...create, status: 201 }, { ...create, method: 'GET', path: '/api/v1/users/00uNOPEnope00000nope', status: 404, responseBody: { errorCode: 'E0000099', errorSummary: '', errorLink: '', errorId: '', errorCauses: [] }, requestBody: undefined }]);
    expect(problems.map((p) => p.problem.split(':')[0])).toEqual(['keys differ', 'status 400 (recorded 201)', 'errorCode E0000007 (recorded E0000099)']);
  });
});
