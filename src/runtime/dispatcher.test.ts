import { describe, expect, it } from 'vitest';
import { PARAMS, TOKEN, okta, run, useNock } from '../../test/helpers/run';
import { execute } from './dispatcher';

useNock();

const created = (profile: Record<string, unknown>) => ({
  id: '00uBO',
  status: 'STAGED',
  created: '2024-01-01T00:00:00.000Z',
  activated: null,
  statusChanged: null,
  lastLogin: null,
  lastUpdated: '2024-01-01T00:00:00.000Z',
  passwordChanged: null,
  profile,
});

describe('redaction keeps Okta data intact', () => {
  it('does not mask profile values or context keys that happen to equal a secret argument', async () => {
    const profile = { firstName: 'Bo', lastName: 'Li', email: 'bo@example.com', login: 'bo@example.com', city: 'Boston' };
    okta().post('/api/v1/users', (body: { credentials?: { recovery_question?: { answer?: string } } }) => body.credentials?.recovery_question?.answer === 'Boston').query({ activate: 'false' }).reply(200, created(profile));
    const [entry] = await run('okta-create-user', { ...profile, passwordQuestion: 'First city?', passwordAnswer: 'Boston' });
    expect((entry?.Contents as { profile: { city: string } }).profile.city).toBe('Boston');
    expect(Object.keys(entry?.EntryContext ?? {})).toEqual(['Account(val.ID && val.ID === obj.ID)']);
  });

  it('masks a password in an error message whatever its case', async () => {
    okta()
      .get('/api/v1/users')
      .query(true)
      .reply(200, [created({ login: 'bo@example.com' })]);
    okta()
      .post('/api/v1/users/00uBO')
      .reply(400, { errorCode: 'E0000001', errorSummary: 'Api validation failed: password', errorCauses: [{ errorSummary: 'password: TR0UB4DOR-XYZ is too common' }] });
    const [entry] = await run('okta-set-password', { username: 'bo@example.com', password: 'Tr0ub4dor-xyz' });
    expect(entry?.Type).toBe(4);
    expect(String(entry?.Contents)).toContain('Cause: password: <redacted> is too common');
    expect(String(entry?.Contents).toLowerCase()).not.toContain('tr0ub4dor');
  });
});

describe('host hooks', () => {
  it('a logger or progress sink that throws does not make execute() reject', async () => {
    const boom = () => {
      throw new Error('host logger failed');
    };
    okta().get('/api/v1/users/me').reply(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
    const entries = await execute({ command: 'test-module', params: PARAMS }, { log: { debug: boom, info: boom, error: boom }, progress: boom });
    expect(entries[0]?.Type).toBe(4);
    expect(JSON.stringify(entries)).not.toContain(TOKEN);
  });

  it('still answers with a missing request', async () => {
    const entries = await execute(undefined as never);
    expect(entries).toEqual([{ Type: 4, ContentsFormat: 'text', Contents: expect.stringMatching(/^Failed to execute \(none\) command\.\nError:\nUnknown command ""/) }]);
  });
});

