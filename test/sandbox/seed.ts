// The demo org: named fixtures the demo and the e2e tests rely on, plus optional generated bulk (--users / --events).
// Everything is deterministic: ids from the store's seeded PRNG, timestamps relative to the injected clock.
import type { LogEvent, ProviderType, UserStatus } from '../../src/okta/types.js';
import { buildEvent, groupTarget, userTarget, type EventClient } from './events.js';
import { iso, type GroupRecord, type PushOutcome, type Store, type UserRecord } from './store.js';

export interface SeedOptions {
  seed?: 'demo' | 'empty';
  users?: number;
  events?: number;
}

const DAY = 86_400_000;

/** Accepted by the seeded totp and sms factors, and the seeded question factor's answer. */
export const DEMO_PASSCODE = '123456';
export const DEMO_ANSWER = 'blue';

interface DemoUser {
  login: string;
  first: string;
  last: string;
  status: UserStatus;
  password?: boolean;
  extra?: Record<string, unknown>;
  provider?: ProviderType;
}

const DEMO_USERS: DemoUser[] = [
  { login: 'admin@example.com', first: 'Ada', last: 'Admin', status: 'ACTIVE', extra: { title: 'Okta Administrator', department: 'IT' } },
  { login: 'jdoe@example.com', first: 'John', last: 'Doe', status: 'ACTIVE', extra: { department: 'Engineering', mobilePhone: '+1-555-0100', city: 'Boston' } },
  { login: 'asmith@example.com', first: 'Alice', last: 'Smith', status: 'ACTIVE', extra: { department: 'Sales', city: 'Berlin', countryCode: 'DE' } },
  { login: 'jane.doe@example.com', first: 'Jane', last: 'Doe', status: 'ACTIVE', extra: { department: 'Finance' } },
  { login: 'locked.user@example.com', first: 'Larry', last: 'Locked', status: 'LOCKED_OUT' },
  { login: 'suspended.user@example.com', first: 'Sam', last: 'Suspended', status: 'SUSPENDED' },
  { login: 'staged.user@example.com', first: 'Stacy', last: 'Staged', status: 'STAGED', password: false },
  { login: 'provisioned.user@example.com', first: 'Pat', last: 'Provisioned', status: 'PROVISIONED', password: false },
  { login: 'expired.user@example.com', first: 'Eve', last: 'Expired', status: 'PASSWORD_EXPIRED' },
  { login: 'recovery.user@example.com', first: 'Rita', last: 'Recovery', status: 'RECOVERY' },
  { login: 'former.employee@example.com', first: 'Fred', last: 'Former', status: 'DEPROVISIONED' },
  { login: 'nofactor@example.com', first: 'Nora', last: 'Nofactor', status: 'ACTIVE' },
  { login: 'a/b@example.com', first: 'Slash', last: 'Login', status: 'ACTIVE' },
  { login: 'zoë.müller@example.com', first: 'Zoë', last: 'Müller', status: 'ACTIVE', extra: { city: 'Zürich', countryCode: 'CH' } },
];

export function seedStore(store: Store, opts: SeedOptions = {}): void {
  const now = store.nowMs();
  if ((opts.seed ?? 'demo') === 'demo') {
    seedDemo(store, now);
  } else {
    seedEmptyOrg(store, now);
  }
  if (opts.users && opts.users > 0) seedGeneratedUsers(store, now, opts.users);
  if (opts.events && opts.events > 0) seedGeneratedEvents(store, now, opts.events);
}

/** Even an empty org has its admin (the token owner) and Everyone. */
function seedEmptyOrg(store: Store, now: number): void {
  addEveryone(store, now);
  const admin = addDemoUser(store, DEMO_USERS[0] as DemoUser, now, 0);
  store.adminId = admin.id;
}

function addEveryone(store: Store, now: number): GroupRecord {
  const created = iso(now - 400 * DAY);
  return store.addGroup({
    type: 'BUILT_IN',
    created,
    lastUpdated: created,
    lastMembershipUpdated: iso(now - DAY),
    objectClass: ['okta:user_group'],
    profile: { name: 'Everyone', description: 'All users in your organization' },
  });
}

function addDemoUser(store: Store, d: DemoUser, now: number, index: number): UserRecord {
  const created = iso(now - (300 - index * 7) * DAY);
  const changed = iso(now - (30 - index) * DAY);
  const hasPassword = d.password !== false;
  const activated = d.status === 'STAGED' ? null : created;
  return store.addUser({
    status: d.status,
    created,
    activated,
    statusChanged: d.status === 'STAGED' ? null : changed,
    lastLogin: d.status === 'ACTIVE' ? iso(now - (index + 1) * 3_600_000) : null,
    lastUpdated: changed,
    passwordChanged: hasPassword ? created : null,
    profile: { firstName: d.first, lastName: d.last, login: d.login, email: d.login, ...(d.extra ?? {}) },
    provider: { type: d.provider ?? 'OKTA', name: 'OKTA' },
    ...(hasPassword ? { password: 'Demo-Passw0rd!' } : {}),
  });
}

function seedDemo(store: Store, now: number): void {
  addEveryone(store, now);
  const users = DEMO_USERS.map((d, i) => addDemoUser(store, d, now, i));
  const byLogin = (login: string): UserRecord => users.find((u) => u.profile.login === login) as UserRecord;
  store.adminId = byLogin('admin@example.com').id;

  const group = (name: string, description: string | null, daysAgo: number, type: 'OKTA_GROUP' | 'APP_GROUP' = 'OKTA_GROUP'): GroupRecord => {
    const created = iso(now - daysAgo * DAY);
    const profile: GroupRecord['profile'] = { name, description };
    if (type === 'APP_GROUP') {
      Object.assign(profile, {
        samAccountName: name.replace(/\s+/g, ''),
        dn: `CN=${name},OU=Groups,DC=corp,DC=example,DC=com`,
        windowsDomainQualifiedName: `CORP\\${name.replace(/\s+/g, '')}`,
        groupType: 'Security',
        groupScope: 'Global',
      });
    }
    return store.addGroup({
      type,
      created,
      lastUpdated: created,
      lastMembershipUpdated: iso(now - 2 * DAY),
      objectClass: type === 'APP_GROUP' ? ['okta:windows_security_principal'] : ['okta:user_group'],
      profile,
      ...(type === 'APP_GROUP' ? { sourceAppId: store.ids.okta('0oa') } : {}),
    });
  };
  const engineering = group('Engineering', 'All engineers', 200);
  const engineeringEu = group('Engineering-EU', 'Engineers based in the EU', 190);
  const sales = group('Sales', 'Sales team', 180);
  const contractorsA = group('Contractors', 'External contractors (agency A)', 170);
  const contractorsB = group('Contractors', 'External contractors (agency B)', 160);
  const adUsers = group('AD Users', 'Imported from Active Directory', 150, 'APP_GROUP');

  store.addMember(engineering, byLogin('jdoe@example.com').id);
  store.addMember(sales, byLogin('asmith@example.com').id);
  store.addMember(engineeringEu, byLogin('asmith@example.com').id);
  store.addMember(contractorsA, byLogin('suspended.user@example.com').id);
  store.addMember(contractorsB, byLogin('nofactor@example.com').id);
  store.addMember(adUsers, byLogin('locked.user@example.com').id);
  store.addMember(adUsers, byLogin('jane.doe@example.com').id);

  const jdoe = byLogin('jdoe@example.com');
  const asmith = byLogin('asmith@example.com');
  const jane = byLogin('jane.doe@example.com');
  addPush(store, jdoe, 'SUCCESS', now);
  addSms(store, jdoe, '+15555550100', now);
  addPush(store, asmith, 'REJECTED', now);
  addTotp(store, asmith, now);
  addTotp(store, jane, now);
  addQuestion(store, jane, now);
  addPush(store, byLogin('locked.user@example.com'), 'SUCCESS', now);

  seedDemoEvents(store, now, users, [engineering, engineeringEu, sales, adUsers]);
}

function addPush(store: Store, u: UserRecord, outcome: PushOutcome, now: number): void {
  const created = iso(now - 60 * DAY);
  store.addFactor({
    userId: u.id,
    factorType: 'push',
    provider: 'OKTA',
    vendorName: 'OKTA',
    status: 'ACTIVE',
    created,
    lastUpdated: created,
    profile: { credentialId: u.profile.login, deviceType: 'SmartPhone_IPhone', keys: [{ kty: 'EC', use: 'sig', kid: 'default' }], name: `${String(u.profile.firstName)}'s iPhone`, platform: 'IOS', version: '17.2' },
    pushOutcome: outcome,
    afterPolls: 1,
  });
}

function addSms(store: Store, u: UserRecord, phone: string, now: number): void {
  const created = iso(now - 90 * DAY);
  store.addFactor({
    userId: u.id, factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created, lastUpdated: created,
    profile: { phoneNumber: phone }, pushOutcome: 'SUCCESS', afterPolls: 1, secret: DEMO_PASSCODE,
  });
}

function addTotp(store: Store, u: UserRecord, now: number): void {
  const created = iso(now - 45 * DAY);
  store.addFactor({
    userId: u.id, factorType: 'token:software:totp', provider: 'GOOGLE', vendorName: 'GOOGLE', status: 'ACTIVE', created, lastUpdated: created,
    profile: { credentialId: u.profile.login }, pushOutcome: 'SUCCESS', afterPolls: 1, secret: DEMO_PASSCODE,
  });
}

function addQuestion(store: Store, u: UserRecord, now: number): void {
  const created = iso(now - 120 * DAY);
  store.addFactor({
    userId: u.id, factorType: 'question', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created, lastUpdated: created,
    profile: { question: 'favorite_art_piece', questionText: 'What is your favorite piece of art?' }, pushOutcome: 'SUCCESS', afterPolls: 1, secret: DEMO_ANSWER,
  });
}

// ------------------------------------------------------------------------------------------------ events

const CLIENTS: Array<EventClient | null> = [
  { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15', ip: '203.0.113.10', os: 'Mac OS X', browser: 'SAFARI', device: 'Computer', geo: { city: 'Boston', state: 'Massachusetts', country: 'United States', postalCode: '02110', lat: 42.3601, lon: -71.0589 } },
  { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', ip: '198.51.100.23', os: 'Windows 10', browser: 'CHROME', device: 'Computer', geo: { city: 'Berlin', state: 'Land Berlin', country: 'Germany', postalCode: '10115', lat: 52.52, lon: 13.405 } },
  { userAgent: 'Okta Verify/9.0 (iPhone; iOS 17.2)', ip: '192.0.2.55', os: 'iOS', browser: 'UNKNOWN', device: 'Mobile', geo: { city: 'Zürich', state: 'Zurich', country: 'Switzerland', postalCode: '8001', lat: 47.3769, lon: 8.5417 } },
  { userAgent: 'python-requests/2.31.0', ip: '203.0.113.99', os: 'Unknown', browser: 'UNKNOWN', device: 'Unknown', geo: null },
  { userAgent: null, ip: '198.51.100.77', geo: { city: 'São Paulo', state: 'São Paulo', country: 'Brazil', postalCode: '01000-000', lat: -23.5505, lon: -46.6333 } },
  null,
];

const FAILURE_REASONS = ['INVALID_CREDENTIALS', 'VERIFICATION_ERROR', 'LOCKED_OUT', 'INVALID_CREDENTIALS'];
const APPS = [
  { id: '0oademo0salesforce01', type: 'AppInstance', alternateId: 'Salesforce.com', displayName: 'Salesforce.com' },
  { id: '0oademo0slack0000001', type: 'AppInstance', alternateId: 'Slack', displayName: 'Slack' },
  { id: '0oademo0github000001', type: 'AppInstance', alternateId: 'GitHub Enterprise', displayName: 'GitHub Enterprise' },
];
const OMIT_VARIANTS: Array<NonNullable<Parameters<typeof buildEvent>[1]['omit']>> = [[], [], [], ['geo'], ['userAgent'], ['request'], ['target'], ['client']];

function seedDemoEvents(store: Store, now: number, users: UserRecord[], groups: GroupRecord[]): void {
  const ids = store.ids;
  const people = users.filter((u) => u.status !== 'STAGED');
  const events: LogEvent[] = [];
  const count = 200;
  for (let i = 0; i < count; i++) {
    // spread over the last 7 days, strictly before `now` so "last 7 days" queries see all of them
    const published = iso(now - 7 * DAY + Math.floor(((i + 0.5) / count) * (7 * DAY - 60_000)));
    const user = ids.pick(people);
    const client = ids.pick(CLIENTS);
    const omit = ids.pick(OMIT_VARIANTS);
    const roll = i % 10;
    if (roll <= 4) {
      const failed = roll >= 3;
      events.push(buildEvent(ids, {
        eventType: 'user.session.start', published, displayMessage: 'User login to Okta',
        legacyEventType: failed ? 'core.user_auth.login_failed' : 'core.user_auth.login_success',
        severity: failed ? 'WARN' : 'INFO', actor: user, client, omit,
        outcome: failed ? { result: 'FAILURE', reason: ids.pick(FAILURE_REASONS) } : { result: 'SUCCESS', reason: null },
        targets: null,
      }));
    } else if (roll <= 6) {
      const app = ids.pick(APPS);
      events.push(buildEvent(ids, {
        eventType: 'user.authentication.sso', published, displayMessage: 'User single sign on to app',
        legacyEventType: 'app.auth.sso', actor: user, client, omit,
        outcome: i % 7 === 0 ? { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } : { result: 'SUCCESS', reason: null },
        targets: [app, { id: ids.okta('0ua'), type: 'AppUser', alternateId: user.profile.login, displayName: userTarget(user).displayName }],
        requestUri: `/app/${app.alternateId.toLowerCase().replace(/[^a-z]/g, '')}/sso/saml`,
      }));
    } else if (roll <= 8) {
      const g = ids.pick(groups);
      const admin = store.users.get(store.adminId) as UserRecord;
      events.push(buildEvent(ids, {
        eventType: 'group.user_membership.add', published, displayMessage: 'Add user to group membership',
        legacyEventType: 'core.user_group_member.user_add', actor: admin, client, omit: omit.filter((o) => o !== 'target'),
        targets: [userTarget(user), groupTarget(g)], requestUri: `/api/v1/groups/${g.id}/users/${user.id}`,
      }));
    } else {
      const app = ids.pick(APPS);
      const admin = store.users.get(store.adminId) as UserRecord;
      events.push(buildEvent(ids, {
        eventType: 'application.user_membership.add', published, displayMessage: 'Add user to application membership',
        legacyEventType: 'application.user_membership.add', actor: admin, client, omit: omit.filter((o) => o !== 'target'),
        targets: [{ id: ids.okta('0ua'), type: 'AppUser', alternateId: user.profile.login, displayName: userTarget(user).displayName }, app, userTarget(user)],
        requestUri: `/api/v1/apps/${app.id}/users`,
      }));
    }
  }
  for (const e of events) store.appendEvent(e);
}

function seedGeneratedUsers(store: Store, now: number, count: number): void {
  const created = iso(now - 30 * DAY);
  const group = store.addGroup({
    type: 'OKTA_GROUP', created, lastUpdated: created, lastMembershipUpdated: created,
    objectClass: ['okta:user_group'], profile: { name: 'Generated Users', description: `${count} generated users` },
  });
  for (let i = 1; i <= count; i++) {
    // user00001 … user99999, then user100000: five digits at least, as many as needed beyond
    const n = String(i).padStart(5, '0');
    const login = `user${n}@example.com`;
    const u = store.addUser({
      status: 'ACTIVE', created, activated: created, statusChanged: created, lastLogin: null, lastUpdated: created, passwordChanged: created,
      profile: { firstName: 'User', lastName: n, login, email: login },
      provider: { type: 'OKTA', name: 'OKTA' }, password: 'Generated-Passw0rd!',
    });
    store.addMember(group, u.id);
  }
}

/** Bulk events share their client/request sub-objects (events are read-only) so 200k of them stay cheap. */
function seedGeneratedEvents(store: Store, now: number, count: number): void {
  const ids = store.ids;
  const actors = store.userList.slice(0, 50);
  const templates = actors.flatMap((actor) =>
    CLIENTS.map((client, ci) => buildEvent(ids, {
      eventType: 'user.session.start', published: iso(now), displayMessage: 'User login to Okta',
      legacyEventType: ci % 3 === 0 ? 'core.user_auth.login_failed' : 'core.user_auth.login_success', actor, client,
      outcome: ci % 3 === 0 ? { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } : { result: 'SUCCESS', reason: null },
      targets: null,
    })),
  );
  const start = now - 7 * DAY;
  const span = 7 * DAY - 1000;
  const generated: LogEvent[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length] as LogEvent;
    generated[i] = { ...t, uuid: ids.uuid(), published: iso(start + Math.floor((i / count) * span)) };
  }
  // merge with whatever is already stored so persistence order stays the published order
  const keyed = [...store.events.map((e) => e.event), ...generated].map((e) => ({ ms: Date.parse(e.published), e }));
  keyed.sort((a, b) => a.ms - b.ms);
  store.events = [];
  store.eventsInOrder = true;
  for (const { e } of keyed) store.appendEvent(e);
}
