// The sandbox's in-memory Okta org: users, groups, memberships, factors, push transactions and the System Log,
// with the indexes that keep 100k users / 200k events fast (ids and lowercased logins in Maps, memberships in Sets,
// users and events kept in creation order so cursors resume with a binary search instead of a scan).
import type { LogEvent, OktaFactor, OktaGroup, OktaUser, GroupType, ProviderType, UserStatus } from '../../src/okta/types.js';
import { IdFactory } from './ids.js';

export type PushOutcome = 'SUCCESS' | 'REJECTED' | 'TIMEOUT' | 'WAITING';

export interface UserRecord extends Pick<OktaUser, 'id' | 'status' | 'created' | 'activated' | 'statusChanged' | 'lastLogin' | 'lastUpdated' | 'passwordChanged'> {
  seq: number;
  profile: Record<string, unknown> & { login: string };
  provider: { type: ProviderType; name: string };
  /** Kept only to check it is set; never serialised. */
  password?: string;
  recoveryQuestion?: { question: string; answer?: string };
}

export interface GroupRecord {
  seq: number;
  id: string;
  type: GroupType;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  profile: Record<string, unknown> & { name: string; description: string | null };
  /** Members in insertion order; unused for BUILT_IN (Everyone is computed: every user). */
  members: Set<string>;
  sourceAppId?: string;
}

export interface FactorRecord {
  id: string;
  userId: string;
  factorType: string;
  provider: string;
  vendorName: string;
  status: string;
  created: string;
  lastUpdated: string;
  profile: Record<string, unknown>;
  /** Scripted push result and how many polls stay WAITING first. */
  pushOutcome: PushOutcome;
  afterPolls: number;
  /** The passcode / answer a verify accepts (totp, sms, question). */
  secret?: string;
  /** sms/call/email: a challenge was sent, so a passCode is now expected. */
  challenged?: boolean;
}

export interface PushTransaction {
  id: string;
  userId: string;
  factorId: string;
  expiresAtMs: number;
  polls: number;
  outcome: PushOutcome;
  afterPolls: number;
  cancelled: boolean;
  foreignOrigin?: string;
}

export interface StoredEvent {
  seq: number;
  ms: number;
  event: LogEvent;
  /** Lowercased keyword set for `q`, built on first use. */
  words?: Set<string>;
}

export const ORG_USER_TYPE_ID = 'otyd3m0sandb0x0c7a01';
export const ORG_SCHEMA_ID = 'oscd3m0sandb0x0c7a01';

/** Okta treats logins that differ only in case or diacritics as the same login. */
export function loginKey(login: string): string {
  return login.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class Store {
  ids: IdFactory;
  users = new Map<string, UserRecord>();
  /** Users in creation order (seq ascending). */
  userList: UserRecord[] = [];
  byLogin = new Map<string, string>();
  byShortName = new Map<string, Set<string>>();
  groups = new Map<string, GroupRecord>();
  groupList: GroupRecord[] = [];
  userGroups = new Map<string, Set<string>>();
  factors = new Map<string, FactorRecord[]>();
  transactions = new Map<string, PushTransaction>();
  events: StoredEvent[] = [];
  /** False once an event was appended with a published time earlier than the last one (then bounded queries sort). */
  eventsInOrder = true;
  adminId = '';
  everyoneId = '';
  private userSeq = 0;
  private groupSeq = 0;

  constructor(readonly now: () => Date) {
    this.ids = new IdFactory();
  }

  nowMs(): number {
    return this.now().getTime();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  // ------------------------------------------------------------------------------------------------ users

  addUser(input: Omit<UserRecord, 'seq' | 'id'> & { id?: string }): UserRecord {
    const rec: UserRecord = { ...input, id: input.id ?? this.ids.user(), seq: ++this.userSeq };
    this.users.set(rec.id, rec);
    this.userList.push(rec);
    this.indexLogin(rec);
    return rec;
  }

  private indexLogin(rec: UserRecord): void {
    this.byLogin.set(loginKey(rec.profile.login), rec.id);
    const short = shortName(rec.profile.login);
    let set = this.byShortName.get(short);
    if (!set) this.byShortName.set(short, (set = new Set()));
    set.add(rec.id);
  }

  private unindexLogin(rec: UserRecord): void {
    this.byLogin.delete(loginKey(rec.profile.login));
    this.byShortName.get(shortName(rec.profile.login))?.delete(rec.id);
  }

  changeLogin(rec: UserRecord, login: string): void {
    this.unindexLogin(rec);
    rec.profile.login = login;
    this.indexLogin(rec);
  }

  removeUser(rec: UserRecord): void {
    this.unindexLogin(rec);
    this.users.delete(rec.id);
    const at = this.userIndexAfterSeq(rec.seq - 1);
    if (this.userList[at] === rec) this.userList.splice(at, 1);
    for (const gid of this.userGroups.get(rec.id) ?? []) this.groups.get(gid)?.members.delete(rec.id);
    this.userGroups.delete(rec.id);
    this.factors.delete(rec.id);
  }

  /** Index in userList of the first user whose seq is greater than `seq`. */
  userIndexAfterSeq(seq: number): number {
    let lo = 0;
    let hi = this.userList.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.userList[mid] as UserRecord).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  userByLogin(login: string): UserRecord | undefined {
    const id = this.byLogin.get(loginKey(login));
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Okta's `{id}` path value: an id, a login, a unique short name, or `me`. */
  resolveUser(segment: string): UserRecord | undefined {
    if (segment === 'me') return this.users.get(this.adminId);
    const byId = this.users.get(segment);
    if (byId) return byId;
    const byLogin = this.userByLogin(segment);
    if (byLogin) return byLogin;
    const short = this.byShortName.get(segment.toLowerCase());
    if (short && short.size === 1) return this.users.get(short.values().next().value as string);
    return undefined;
  }

  // ------------------------------------------------------------------------------------------------ groups

  addGroup(input: Omit<GroupRecord, 'seq' | 'id' | 'members'> & { id?: string }): GroupRecord {
    const rec: GroupRecord = { ...input, id: input.id ?? this.ids.group(), seq: ++this.groupSeq, members: new Set() };
    this.groups.set(rec.id, rec);
    this.groupList.push(rec);
    if (rec.type === 'BUILT_IN' && rec.profile.name === 'Everyone') this.everyoneId = rec.id;
    return rec;
  }

  removeGroup(rec: GroupRecord): void {
    this.groups.delete(rec.id);
    this.groupList = this.groupList.filter((g) => g !== rec);
    for (const uid of rec.members) this.userGroups.get(uid)?.delete(rec.id);
  }

  addMember(group: GroupRecord, userId: string): boolean {
    if (group.members.has(userId)) return false;
    group.members.add(userId);
    let set = this.userGroups.get(userId);
    if (!set) this.userGroups.set(userId, (set = new Set()));
    set.add(group.id);
    return true;
  }

  removeMember(group: GroupRecord, userId: string): boolean {
    const had = group.members.delete(userId);
    this.userGroups.get(userId)?.delete(group.id);
    return had;
  }

  /** Group ids of a user, Everyone first (it holds every user). */
  groupsOfUser(userId: string): GroupRecord[] {
    const out: GroupRecord[] = [];
    const everyone = this.groups.get(this.everyoneId);
    if (everyone) out.push(everyone);
    for (const gid of this.userGroups.get(userId) ?? []) {
      const g = this.groups.get(gid);
      if (g && g !== everyone) out.push(g);
    }
    return out;
  }

  memberIds(group: GroupRecord): string[] {
    if (group.id === this.everyoneId) return this.userList.map((u) => u.id);
    return [...group.members];
  }

  // ------------------------------------------------------------------------------------------------ factors

  factorsOf(userId: string): FactorRecord[] {
    return this.factors.get(userId) ?? [];
  }

  addFactor(input: Omit<FactorRecord, 'id'> & { id?: string }): FactorRecord {
    const prefix = FACTOR_ID_PREFIX[input.factorType] ?? 'fac';
    const rec: FactorRecord = { ...input, id: input.id ?? this.ids.okta(prefix) };
    const list = this.factors.get(rec.userId) ?? [];
    list.push(rec);
    this.factors.set(rec.userId, list);
    return rec;
  }

  removeFactor(rec: FactorRecord): void {
    const list = this.factorsOf(rec.userId).filter((f) => f !== rec);
    this.factors.set(rec.userId, list);
  }

  // ------------------------------------------------------------------------------------------------ events

  appendEvent(event: LogEvent): StoredEvent {
    const ms = Date.parse(event.published);
    const last = this.events[this.events.length - 1];
    if (last && ms < last.ms) this.eventsInOrder = false;
    const stored: StoredEvent = { seq: this.events.length + 1, ms, event };
    this.events.push(stored);
    return stored;
  }
}

const FACTOR_ID_PREFIX: Record<string, string> = {
  push: 'opf',
  sms: 'mbl',
  call: 'clf',
  email: 'emf',
  'token:software:totp': 'ost',
  question: 'ufs',
};

function shortName(login: string): string {
  const at = login.indexOf('@');
  return (at === -1 ? login : login.slice(0, at)).toLowerCase();
}

// ------------------------------------------------------------------------------------------------ serialisation

type LinkMap = Record<string, { href: string; method?: string; hints?: { allow: string[] } }>;

/** Which lifecycle links a user in each status carries (as Okta's single-user responses show them). */
const USER_LINKS: Record<UserStatus, string[]> = {
  STAGED: ['activate', 'resetFactors'],
  PROVISIONED: ['suspend', 'resetPassword', 'reactivate', 'deactivate'],
  ACTIVE: ['suspend', 'resetPassword', 'expirePassword', 'forgotPassword', 'changeRecoveryQuestion', 'changePassword', 'resetFactors', 'deactivate'],
  RECOVERY: ['resetPassword', 'expirePassword', 'reactivate', 'resetFactors', 'deactivate'],
  LOCKED_OUT: ['unlock', 'resetPassword', 'expirePassword', 'changeRecoveryQuestion', 'changePassword', 'resetFactors', 'deactivate'],
  PASSWORD_EXPIRED: ['resetPassword', 'expirePassword', 'changeRecoveryQuestion', 'changePassword', 'resetFactors', 'deactivate'],
  SUSPENDED: ['unsuspend', 'resetFactors', 'deactivate'],
  DEPROVISIONED: ['activate'],
};

/** Links that need a password credential on an Okta-sourced user. */
const PASSWORD_LINKS = new Set(['changePassword', 'changeRecoveryQuestion', 'forgotPassword']);

const LINK_PATHS: Record<string, string> = {
  activate: 'lifecycle/activate',
  reactivate: 'lifecycle/reactivate',
  deactivate: 'lifecycle/deactivate',
  suspend: 'lifecycle/suspend',
  unsuspend: 'lifecycle/unsuspend',
  unlock: 'lifecycle/unlock',
  resetPassword: 'lifecycle/reset_password',
  expirePassword: 'lifecycle/expire_password',
  resetFactors: 'lifecycle/reset_factors',
  forgotPassword: 'credentials/forgot_password',
  changePassword: 'credentials/change_password',
  changeRecoveryQuestion: 'credentials/change_recovery_question',
};

/** Profile attributes Okta returns even when never set. */
const ALWAYS_PRESENT_PROFILE = ['mobilePhone', 'secondEmail'] as const;

export function serializeUser(u: UserRecord, origin: string, form: 'single' | 'collection'): OktaUser {
  const self = `${origin}/api/v1/users/${u.id}`;
  const profile: Record<string, unknown> = { firstName: u.profile.firstName ?? null, lastName: u.profile.lastName ?? null };
  for (const k of ALWAYS_PRESENT_PROFILE) profile[k] = null;
  Object.assign(profile, u.profile);
  const credentials: Record<string, unknown> = {};
  if (u.password !== undefined) {
    credentials.password = {};
    if (typeof u.profile.email === 'string') credentials.emails = [{ value: u.profile.email, status: 'VERIFIED', type: 'PRIMARY' }];
  }
  if (u.recoveryQuestion) credentials.recovery_question = { question: u.recoveryQuestion.question };
  credentials.provider = { ...u.provider };
  const links: LinkMap = {};
  if (form === 'single') {
    for (const name of USER_LINKS[u.status]) {
      if (PASSWORD_LINKS.has(name) && (u.provider.type !== 'OKTA' || u.password === undefined)) continue;
      links[name] = { href: `${self}/${LINK_PATHS[name]}`, method: 'POST' };
    }
    links.schema = { href: `${origin}/api/v1/meta/schemas/user/${ORG_SCHEMA_ID}` };
    links.type = { href: `${origin}/api/v1/meta/types/user/${ORG_USER_TYPE_ID}` };
  }
  links.self = { href: self };
  return {
    id: u.id,
    status: u.status,
    created: u.created,
    activated: u.activated,
    statusChanged: u.statusChanged,
    lastLogin: u.lastLogin,
    lastUpdated: u.lastUpdated,
    passwordChanged: u.passwordChanged,
    type: { id: ORG_USER_TYPE_ID },
    profile: profile as OktaUser['profile'],
    credentials: credentials as OktaUser['credentials'],
    _links: links,
  };
}

const GROUP_LOGOS = [
  { name: 'medium', href: 'https://static.sandbox.invalid/assets/img/logos/groups/okta-medium.png', type: 'image/png' },
  { name: 'large', href: 'https://static.sandbox.invalid/assets/img/logos/groups/okta-large.png', type: 'image/png' },
];

export function serializeGroup(g: GroupRecord, origin: string): OktaGroup {
  const self = `${origin}/api/v1/groups/${g.id}`;
  const links: Record<string, unknown> = {
    logo: GROUP_LOGOS.map((l) => ({ ...l })),
    users: { href: `${self}/users` },
    apps: { href: `${self}/apps` },
  };
  if (g.type === 'APP_GROUP' && g.sourceAppId) links.source = { href: `${origin}/api/v1/apps/${g.sourceAppId}` };
  const out: OktaGroup = {
    id: g.id,
    created: g.created,
    lastUpdated: g.lastUpdated,
    lastMembershipUpdated: g.lastMembershipUpdated,
    objectClass: [...g.objectClass],
    type: g.type,
    profile: { ...g.profile },
    _links: links as OktaGroup['_links'],
  };
  if (g.type === 'APP_GROUP' && g.sourceAppId) out.source = { id: g.sourceAppId };
  return out;
}

export function serializeFactor(f: FactorRecord, origin: string): OktaFactor {
  const user = `${origin}/api/v1/users/${f.userId}`;
  const self = `${user}/factors/${f.id}`;
  const links: Record<string, unknown> = {};
  if (f.status === 'PENDING_ACTIVATION') {
    if (f.factorType === 'sms' || f.factorType === 'call') {
      links.resend = [{ name: f.factorType, href: `${self}/resend`, hints: { allow: ['POST'] } }];
    }
    links.activate = { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } };
    links.self = { href: self, hints: { allow: ['GET'] } };
  } else {
    if (f.factorType === 'question') links.questions = { href: `${user}/factors/questions`, hints: { allow: ['GET'] } };
    links.verify = { href: `${self}/verify`, hints: { allow: ['POST'] } };
    links.self = { href: self, hints: { allow: ['GET', 'DELETE'] } };
  }
  links.user = { href: user, hints: { allow: ['GET'] } };
  return {
    id: f.id,
    factorType: f.factorType,
    provider: f.provider,
    vendorName: f.vendorName,
    status: f.status,
    created: f.created,
    lastUpdated: f.lastUpdated,
    profile: { ...f.profile },
    _links: links as OktaFactor['_links'],
  };
}
