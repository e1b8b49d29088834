// System Log events in Okta's LogEvent shape, for the seed and for every mutation made through the API.
import type { LogEvent } from '../../src/okta/types.js';
import type { IdFactory } from './ids.js';
import type { GroupRecord, UserRecord } from './store.js';

export interface EventClient {
  userAgent: string | null;
  ip: string | null;
  geo: { city: string; state: string; country: string; postalCode: string; lat: number; lon: number } | null;
  os?: string;
  browser?: string;
  device?: string;
}

export interface EventSpec {
  eventType: string;
  published: string;
  displayMessage: string;
  legacyEventType?: string | null;
  severity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  actor: UserRecord | { id: string; type: string; alternateId: string; displayName: string };
  client: EventClient | null;
  outcome?: { result: string; reason: string | null };
  targets?: Array<{ id: string; type: string; alternateId: string | null; displayName: string | null }> | null;
  requestId?: string;
  requestUri?: string;
  /** drop whole sub-objects, as real exports sometimes do */
  omit?: Array<'client' | 'request' | 'target' | 'userAgent' | 'geo'>;
}

export function userActor(u: UserRecord): { id: string; type: string; alternateId: string; displayName: string } {
  const name = [u.profile.firstName, u.profile.lastName].filter((s) => typeof s === 'string' && s !== '').join(' ');
  return { id: u.id, type: 'User', alternateId: u.profile.login, displayName: name || u.profile.login };
}

export function userTarget(u: UserRecord): { id: string; type: string; alternateId: string; displayName: string } {
  return userActor(u);
}

export function groupTarget(g: GroupRecord): { id: string; type: string; alternateId: string; displayName: string } {
  return { id: g.id, type: 'UserGroup', alternateId: 'unknown', displayName: g.profile.name };
}

function geoContext(c: EventClient): Record<string, unknown> | null {
  if (!c.geo) return null;
  const g = c.geo;
  return { city: g.city, state: g.state, country: g.country, postalCode: g.postalCode, geolocation: { lat: g.lat, lon: g.lon } };
}

export function buildEvent(ids: IdFactory, spec: EventSpec): LogEvent {
  const actor = 'seq' in spec.actor ? userActor(spec.actor) : spec.actor;
  const requestId = spec.requestId ?? ids.alnum(27);
  const omit = new Set(spec.omit ?? []);
  const c = spec.client;
  const client =
    c === null || omit.has('client')
      ? null
      : {
          userAgent: omit.has('userAgent') || c.userAgent === null
            ? null
            : { rawUserAgent: c.userAgent, os: c.os ?? 'Unknown', browser: c.browser ?? 'UNKNOWN' },
          zone: 'null',
          device: c.device ?? 'Unknown',
          id: null,
          ipAddress: c.ip,
          geographicalContext: omit.has('geo') ? null : geoContext(c),
        };
  const event: LogEvent = {
    actor: { ...actor, detailEntry: null },
    client,
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      rootSessionId: 'unknown',
      externalSessionId: 'trs' + ids.alnum(22),
    },
    displayMessage: spec.displayMessage,
    eventType: spec.eventType,
    outcome: spec.outcome ?? { result: 'SUCCESS', reason: null },
    published: spec.published,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: spec.severity ?? 'INFO',
    debugContext: {
      debugData: { requestId, requestUri: spec.requestUri ?? '/api/v1/authn', url: spec.requestUri ?? '/api/v1/authn' },
    },
    legacyEventType: spec.legacyEventType ?? null,
    transaction: { type: 'WEB', id: requestId, detail: {} },
    uuid: ids.uuid(),
    version: '0',
    request: omit.has('request') || c === null
      ? { ipChain: null }
      : { ipChain: [{ ip: c.ip, geographicalContext: omit.has('geo') ? null : geoContext(c), version: 'V4', source: null }] },
    target: omit.has('target') ? null : (spec.targets ?? null)?.map((t) => ({ ...t, detailEntry: null })) ?? null,
  };
  if (omit.has('target')) delete event.target;
  return event;
}

/** What each API mutation records, keyed by a short action name. */
export const MUTATION_EVENTS: Record<string, { eventType: string; displayMessage: string; legacyEventType: string | null }> = {
  create: { eventType: 'user.lifecycle.create', displayMessage: 'Create Okta user', legacyEventType: 'core.user.config.user_creation.success' },
  activate: { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', legacyEventType: 'core.user.config.user_activated' },
  reactivate: { eventType: 'user.lifecycle.reactivate', displayMessage: 'Reactivate Okta user', legacyEventType: null },
  deactivate: { eventType: 'user.lifecycle.deactivate', displayMessage: 'Deactivate Okta user', legacyEventType: 'core.user.config.user_deactivated' },
  delete: { eventType: 'user.lifecycle.delete.initiated', displayMessage: 'Delete Okta user', legacyEventType: null },
  suspend: { eventType: 'user.lifecycle.suspend', displayMessage: 'Suspend Okta user', legacyEventType: 'core.user.config.user_suspended' },
  unsuspend: { eventType: 'user.lifecycle.unsuspend', displayMessage: 'Unsuspend Okta user', legacyEventType: 'core.user.config.user_unsuspended' },
  unlock: { eventType: 'user.account.unlock_by_admin', displayMessage: 'Unlock user account by admin', legacyEventType: 'core.user.account.unlock_by_admin' },
  reset_password: { eventType: 'user.account.reset_password', displayMessage: 'Reset password for Okta user', legacyEventType: null },
  expire_password: { eventType: 'user.account.expire_password', displayMessage: 'Expire password for Okta user', legacyEventType: null },
  expire_password_with_temp_password: { eventType: 'user.account.expire_password', displayMessage: 'Expire password for Okta user', legacyEventType: null },
  update_password: { eventType: 'user.account.update_password', displayMessage: 'Update password for user', legacyEventType: 'core.user.config.password_update.success' },
  update_profile: { eventType: 'user.account.update_profile', displayMessage: 'Update user profile for Okta', legacyEventType: 'core.user.config.profile_update.success' },
  reset_factors: { eventType: 'user.mfa.factor.reset_all', displayMessage: 'Reset all factors for user', legacyEventType: 'core.user.factor.reset_all' },
  factor_deactivate: { eventType: 'user.mfa.factor.deactivate', displayMessage: 'Reset factor for user', legacyEventType: 'core.user.factor.deactivate' },
  push_sent: { eventType: 'system.push.send_factor_verify_push', displayMessage: 'A push notification was sent to Okta Verify', legacyEventType: null },
  session_clear: { eventType: 'user.session.clear', displayMessage: 'Clear user session', legacyEventType: 'core.user_auth.session_clear' },
  group_add: { eventType: 'group.user_membership.add', displayMessage: 'Add user to group membership', legacyEventType: 'core.user_group_member.user_add' },
  group_remove: { eventType: 'group.user_membership.remove', displayMessage: 'Remove user from group membership', legacyEventType: 'core.user_group_member.user_remove' },
  group_create: { eventType: 'group.lifecycle.create', displayMessage: 'Create Okta group', legacyEventType: null },
  group_delete: { eventType: 'group.lifecycle.delete', displayMessage: 'Delete Okta group', legacyEventType: null },
  factor_enroll: { eventType: 'user.mfa.factor.activate', displayMessage: 'Enroll factor for user', legacyEventType: null },
};
