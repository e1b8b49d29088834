// Every lifecycle operation from every status: Okta's allowed transitions (okta-api.md §2.2) and its refusals,
// with the exact HTTP status and errorCode. The expectations are written out, not derived from the server code.
import { describe, expect, it } from 'vitest';
import type { OktaUser, UserStatus } from '../../src/okta/types.js';
import { call, useSandbox } from './testkit.js';

const sb = useSandbox();

const USER_IN: Record<UserStatus, string> = {
  ACTIVE: 'nofactor@example.com',
  LOCKED_OUT: 'locked.user@example.com',
  SUSPENDED: 'suspended.user@example.com',
  STAGED: 'staged.user@example.com',
  PROVISIONED: 'provisioned.user@example.com',
  PASSWORD_EXPIRED: 'expired.user@example.com',
  RECOVERY: 'recovery.user@example.com',
  DEPROVISIONED: 'former.employee@example.com',
};
const STATUSES = Object.keys(USER_IN) as UserStatus[];

type Outcome = UserStatus | [number, string];
const E16: [number, string] = [403, 'E0000016'];
const E38: [number, string] = [403, 'E0000038'];
const E01: [number, string] = [400, 'E0000001'];
const E32: [number, string] = [403, 'E0000032'];

// op → status → resulting status, or [http status, errorCode]
const TABLE: Record<string, Record<UserStatus, Outcome>> = {
  activate: { ACTIVE: E16, LOCKED_OUT: E16, SUSPENDED: E16, STAGED: 'PROVISIONED', PROVISIONED: E16, PASSWORD_EXPIRED: E16, RECOVERY: E16, DEPROVISIONED: 'PROVISIONED' },
  reactivate: { ACTIVE: E38, LOCKED_OUT: E38, SUSPENDED: E38, STAGED: E38, PROVISIONED: 'PROVISIONED', PASSWORD_EXPIRED: E38, RECOVERY: 'PROVISIONED', DEPROVISIONED: E38 },
  deactivate: { ACTIVE: 'DEPROVISIONED', LOCKED_OUT: 'DEPROVISIONED', SUSPENDED: 'DEPROVISIONED', STAGED: 'DEPROVISIONED', PROVISIONED: 'DEPROVISIONED', PASSWORD_EXPIRED: 'DEPROVISIONED', RECOVERY: 'DEPROVISIONED', DEPROVISIONED: E38 },
  suspend: { ACTIVE: 'SUSPENDED', LOCKED_OUT: E01, SUSPENDED: E01, STAGED: E01, PROVISIONED: E01, PASSWORD_EXPIRED: E01, RECOVERY: E01, DEPROVISIONED: E01 },
  unsuspend: { ACTIVE: E01, LOCKED_OUT: E01, SUSPENDED: 'ACTIVE', STAGED: E01, PROVISIONED: E01, PASSWORD_EXPIRED: E01, RECOVERY: E01, DEPROVISIONED: E01 },
  unlock: { ACTIVE: E32, LOCKED_OUT: 'ACTIVE', SUSPENDED: E32, STAGED: E32, PROVISIONED: E32, PASSWORD_EXPIRED: E32, RECOVERY: E32, DEPROVISIONED: E32 },
  reset_password: { ACTIVE: 'RECOVERY', LOCKED_OUT: 'RECOVERY', SUSPENDED: E38, STAGED: E38, PROVISIONED: 'RECOVERY', PASSWORD_EXPIRED: 'RECOVERY', RECOVERY: 'RECOVERY', DEPROVISIONED: E38 },
  expire_password: { ACTIVE: 'PASSWORD_EXPIRED', LOCKED_OUT: 'PASSWORD_EXPIRED', SUSPENDED: E38, STAGED: E38, PROVISIONED: E38, PASSWORD_EXPIRED: 'PASSWORD_EXPIRED', RECOVERY: 'PASSWORD_EXPIRED', DEPROVISIONED: E38 },
  expire_password_with_temp_password: { ACTIVE: 'PASSWORD_EXPIRED', LOCKED_OUT: 'PASSWORD_EXPIRED', SUSPENDED: E38, STAGED: E38, PROVISIONED: E38, PASSWORD_EXPIRED: 'PASSWORD_EXPIRED', RECOVERY: 'PASSWORD_EXPIRED', DEPROVISIONED: E38 },
  reset_factors: { ACTIVE: 'ACTIVE', LOCKED_OUT: 'LOCKED_OUT', SUSPENDED: 'SUSPENDED', STAGED: 'STAGED', PROVISIONED: 'PROVISIONED', PASSWORD_EXPIRED: 'PASSWORD_EXPIRED', RECOVERY: 'RECOVERY', DEPROVISIONED: E38 },
};

const EVENT_OF: Record<string, string> = {
  activate: 'user.lifecycle.activate',
  reactivate: 'user.lifecycle.reactivate',
  deactivate: 'user.lifecycle.deactivate',
  suspend: 'user.lifecycle.suspend',
  unsuspend: 'user.lifecycle.unsuspend',
  unlock: 'user.account.unlock_by_admin',
  reset_password: 'user.account.reset_password',
  expire_password: 'user.account.expire_password',
  expire_password_with_temp_password: 'user.account.expire_password',
  reset_factors: 'user.mfa.factor.reset_all',
};

const cases = Object.entries(TABLE).flatMap(([op, row]) => STATUSES.map((from) => [op, from, row[from]] as const));

describe('lifecycle transitions', () => {
  it.each(cases)('%s from %s → %j', async (op, from, outcome) => {
    const login = USER_IN[from];
    const before = sb.controls.state.userByLogin(login) as OktaUser;
    expect(before.status).toBe(from);
    const eventsBefore = sb.controls.state.events().length;
    const res = await call(sb, 'POST', `/api/v1/users/${before.id}/lifecycle/${op}`);
    const after = sb.controls.state.userByLogin(login) as OktaUser;
    if (Array.isArray(outcome)) {
      const [status, code] = outcome;
      expect(res.status).toBe(status);
      expect(res.json<{ errorCode: string }>().errorCode).toBe(code);
      expect(after.status).toBe(from);
      expect(sb.controls.state.events().length).toBe(eventsBefore);
      return;
    }
    expect(res.status).toBe(200);
    expect(after.status).toBe(outcome);
    const last = sb.controls.state.events().at(-1);
    expect(last?.eventType).toBe(EVENT_OF[op]);
    expect(last?.target?.[0]?.id).toBe(before.id);
    expect(last?.actor?.alternateId).toBe('admin@example.com');
  });
});

describe('lifecycle bodies and refusal details', () => {
  const idOf = (login: string): string => (sb.controls.state.userByLogin(login) as OktaUser).id;

  it('activate with sendEmail=false returns the activation token; without it an empty object', async () => {
    const res = await call(sb, 'POST', `/api/v1/users/${idOf('staged.user@example.com')}/lifecycle/activate?sendEmail=false`);
    const body = res.json<{ activationUrl: string; activationToken: string }>();
    expect(Object.keys(body).sort()).toEqual(['activationToken', 'activationUrl']);
    expect(body.activationUrl).toBe(`${sb.url}/welcome/${body.activationToken}`);
    const again = await call(sb, 'POST', `/api/v1/users/${idOf('former.employee@example.com')}/lifecycle/activate`);
    expect(again.json()).toEqual({});
  });

  it('reactivate answers the token by default (sendEmail defaults to false)', async () => {
    const res = await call(sb, 'POST', `/api/v1/users/${idOf('provisioned.user@example.com')}/lifecycle/reactivate`);
    expect(Object.keys(res.json<object>()).sort()).toEqual(['activationToken', 'activationUrl']);
  });

  it('reset_password with sendEmail=false returns a reset URL', async () => {
    const res = await call(sb, 'POST', `/api/v1/users/${idOf('nofactor@example.com')}/lifecycle/reset_password?sendEmail=false`);
    expect(res.json<{ resetPasswordUrl: string }>().resetPasswordUrl).toMatch(new RegExp(`^${sb.url}/reset_password/[A-Za-z0-9]{20}$`));
  });

  it('expire_password returns the full user; the temp-password variant returns only the password', async () => {
    const res = await call(sb, 'POST', `/api/v1/users/${idOf('nofactor@example.com')}/lifecycle/expire_password`);
    const user = res.json<OktaUser>();
    expect(user.status).toBe('PASSWORD_EXPIRED');
    expect(user.profile.login).toBe('nofactor@example.com');
    const temp = await call(sb, 'POST', `/api/v1/users/${idOf('jane.doe@example.com')}/lifecycle/expire_password_with_temp_password`);
    expect(Object.keys(temp.json<object>())).toEqual(['tempPassword']);
  });

  it('refusals carry Okta summaries and causes', async () => {
    const active = idOf('nofactor@example.com');
    expect((await call(sb, 'POST', `/api/v1/users/${active}/lifecycle/activate`)).json()).toMatchObject({
      errorCode: 'E0000016', errorSummary: 'Activation failed because the user is already active', errorLink: 'E0000016', errorCauses: [],
    });
    expect((await call(sb, 'POST', `/api/v1/users/${active}/lifecycle/unsuspend`)).json()).toMatchObject({
      errorSummary: 'Api validation failed: unsuspendUser', errorCauses: [{ errorSummary: 'Cannot unsuspend a user that is not suspended' }],
    });
    expect((await call(sb, 'POST', `/api/v1/users/${active}/lifecycle/unlock`)).json()).toMatchObject({
      errorSummary: 'Unlock is not allowed for this user.', errorCauses: [{ errorSummary: 'The user is not locked out.' }],
    });
    expect((await call(sb, 'POST', `/api/v1/users/${active}/lifecycle/reactivate`)).json()).toMatchObject({
      errorSummary: "This operation is not allowed in the user's current status.",
    });
  });

  it('reset_factors removes every factor; an unknown operation or user is 404', async () => {
    const jdoe = idOf('jdoe@example.com');
    expect(sb.controls.state.factorsOf(jdoe)).toHaveLength(2);
    expect((await call(sb, 'POST', `/api/v1/users/${jdoe}/lifecycle/reset_factors`)).status).toBe(200);
    expect(sb.controls.state.factorsOf(jdoe)).toHaveLength(0);
    expect((await call(sb, 'POST', `/api/v1/users/${jdoe}/lifecycle/explode`)).json()).toMatchObject({ errorCode: 'E0000008' });
    const missing = await call(sb, 'POST', '/api/v1/users/00uNOPEnope0000000000/lifecycle/suspend');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00uNOPEnope0000000000 (User)' });
  });

  it('lifecycle accepts a login in the path and sets statusChanged from the clock', async () => {
    const res = await call(sb, 'POST', '/api/v1/users/jdoe@example.com/lifecycle/suspend');
    expect(res.status).toBe(200);
    const u = sb.controls.state.userByLogin('jdoe@example.com') as OktaUser;
    expect(u.status).toBe('SUSPENDED');
    expect(Date.now() - Date.parse(u.statusChanged as string)).toBeLessThan(60_000);
  });

  it('DELETE deactivates first, deletes second (both 204), then GET is 404', async () => {
    const id = idOf('nofactor@example.com');
    const first = await call(sb, 'DELETE', `/api/v1/users/${id}`);
    expect(first.status).toBe(204);
    expect(first.text).toBe('');
    expect(sb.controls.state.userByLogin('nofactor@example.com')?.status).toBe('DEPROVISIONED');
    expect((await call(sb, 'DELETE', `/api/v1/users/${id}`)).status).toBe(204);
    expect(sb.controls.state.userByLogin('nofactor@example.com')).toBeUndefined();
    expect((await call(sb, 'GET', `/api/v1/users/${id}`)).status).toBe(404);
    expect((await call(sb, 'DELETE', `/api/v1/users/${id}`)).status).toBe(404);
  });
});
