// /api/v1/users: get, list (q / filter / search, paging), create, update, replace, delete, lifecycle,
// credentials, sessions, and a user's groups.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderType, UserStatus } from '../../src/okta/types.js';
import { recordMutation, targetOf } from './audit.js';
import { invalidSearch, notFound, oktaError, statusNotAllowed, validationFailed } from './errors.js';
import { groupTarget } from './events.js';
import { compile, comparisons, ExprError, isIsoDate, parseExpr, pathValues, soleEquality, violation, type Expr, type ExprRules, type Predicate } from './expr.js';
import { boolParam, clampLimit, collectPage, decodeCursor, encodeCursor, paramOf, queryOf, rawSegment, setPageLinks, withLimit, type RouteContext } from './http.js';
import { loginKey, ORG_USER_TYPE_ID, serializeGroup, serializeUser, type Store, type UserRecord } from './store.js';

const BASE_PROFILE = new Set([
  'login', 'email', 'firstName', 'lastName', 'secondEmail', 'middleName', 'honorificPrefix', 'honorificSuffix', 'title',
  'displayName', 'nickName', 'profileUrl', 'primaryPhone', 'mobilePhone', 'streetAddress', 'city', 'state', 'zipCode',
  'countryCode', 'postalAddress', 'preferredLanguage', 'locale', 'timezone', 'userType', 'employeeNumber', 'costCenter',
  'organization', 'division', 'department', 'managerId', 'manager',
]);
const REQUIRED_PROFILE = ['login', 'email', 'firstName', 'lastName'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ------------------------------------------------------------------------------------------------ lookup

/** Resolves the `{id}` segment; a `%2F` in it never resolves (Okta can fetch slash logins only by id). */
export function userFromPath(ctx: RouteContext, req: FastifyRequest, index = 3): UserRecord {
  const raw = rawSegment(req, index);
  const value = paramOf(req, 'id');
  if (/%2f/i.test(raw)) throw notFound(value, 'User');
  const user = ctx.store.resolveUser(value);
  if (!user) throw notFound(value, 'User');
  return user;
}

// ------------------------------------------------------------------------------------------------ expressions

const USER_TOP_LEVEL = new Set(['id', 'status', 'created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged']);

function userValues(u: UserRecord, attr: string): unknown[] {
  if (USER_TOP_LEVEL.has(attr)) {
    const v = u[attr as keyof UserRecord];
    return v === undefined || v === null ? [] : [v];
  }
  if (attr === 'type.id') return [ORG_USER_TYPE_ID];
  if (attr.startsWith('profile.')) return pathValues(u.profile, attr.slice(8).split('.'));
  if (attr === 'credentials.provider.type') return [u.provider.type];
  if (attr === 'credentials.provider.name') return [u.provider.name];
  return [];
}

const FILTER_ATTRS = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);
const CONTAINS_ATTRS = new Set(['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login']);
const DATE_ATTRS = new Set(['created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged']);

export const USER_FILTER_RULES: ExprRules = {
  allowNot: false,
  check(attr, op) {
    if (!FILTER_ATTRS.has(attr)) return `filter: Unsupported attribute '${attr}'`;
    if (op === 'eq') return undefined;
    if (attr === 'lastUpdated' && (op === 'gt' || op === 'ge' || op === 'lt' || op === 'le')) return undefined;
    return `filter: Unsupported operator '${op}' for attribute '${attr}'`;
  },
};

export const USER_SEARCH_RULES: ExprRules = {
  allowNot: true,
  check(attr, op) {
    const known = USER_TOP_LEVEL.has(attr) || attr === 'type.id' || attr.startsWith('profile.') || attr.startsWith('credentials.provider.');
    if (!known) return `search: Unsupported attribute '${attr}'`;
    if (op === 'ne') return `search: The operator 'ne' is not supported`;
    if (op === 'co' && !CONTAINS_ATTRS.has(attr)) return `search: The operator 'co' is not supported for attribute '${attr}'`;
    return undefined;
  },
};

export interface CompiledQuery<T> {
  expr: Expr;
  predicate: Predicate<T>;
}

/** Parses and validates a filter/search parameter, answering Okta's 400s for anything it does not allow. */
export function compileQuery<T>(
  source: string,
  rules: ExprRules,
  values: (record: T, attr: string) => unknown[],
  caseInsensitive: boolean,
  dateAttrs: ReadonlySet<string>,
): CompiledQuery<T> {
  let expr: Expr;
  try {
    expr = parseExpr(source);
  } catch (e) {
    if (e instanceof ExprError) throw invalidSearch(e.message);
    throw e;
  }
  const problem = violation(expr, rules);
  if (problem) throw invalidSearch(problem);
  for (const c of comparisons(expr)) {
    if (c.kind !== 'cmp' || !dateAttrs.has(c.attr) || c.op === 'sw' || c.op === 'co' || c.op === 'ew') continue;
    if (!isIsoDate(c.value)) {
      throw oktaError(400, 'E0000030', "Bad request. Invalid date. Dates must be of the form yyyy-MM-dd'T'HH:mm:ss.SSSZZ, e.g. 2013-01-01T12:00:00.000-07:00.");
    }
  }
  return { expr, predicate: compile(expr, { values, caseInsensitive }) };
}

// ------------------------------------------------------------------------------------------------ listing

function listUsers(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply): unknown[] {
  const query = queryOf(req);
  const { store } = ctx;
  const given = ['q', 'filter', 'search'].filter((k) => query[k] !== undefined && query[k] !== '');
  if (given.length > 1) throw oktaError(400, 'E0000033', "Bad request. Can't specify a search query and filter in the same request.");

  if (query.q !== undefined && query.q !== '') return listByPrefix(ctx, req, reply, query);

  const limit = clampLimit(query.limit, 200, 200);
  let predicate: Predicate<UserRecord> = (u) => u.status !== 'DEPROVISIONED';
  let candidates: UserRecord[] | undefined;
  if (query.filter) {
    const c = compileQuery<UserRecord>(query.filter, USER_FILTER_RULES, userValues, false, DATE_ATTRS);
    predicate = c.predicate;
    candidates = indexedCandidates(store, c.expr);
  } else if (query.search) {
    const c = compileQuery<UserRecord>(query.search, USER_SEARCH_RULES, userValues, true, DATE_ATTRS);
    predicate = c.predicate;
    candidates = indexedCandidates(store, c.expr);
    if (query.sortBy) return sortedPage(ctx, req, reply, query, limit, c.predicate);
  }

  const afterSeq = decodeCursor(query.after, 'u') ?? 0;
  const pool = candidates ?? store.userList;
  const start = candidates ? 0 : store.userIndexAfterSeq(afterSeq);
  const { page, more } = collectPage(pool, start, pool.length, 1, (u) => u.seq > afterSeq && predicate(u), limit);
  const last = page[page.length - 1];
  setPageLinks(req, reply, ctx, '/api/v1/users', withLimit(query, limit), more && last ? encodeCursor('u', last.seq) : undefined);
  return page.map((u) => serializeUser(u, ctx.origin, 'collection'));
}

/** `profile.login eq "x"` and `id eq "x"` are answered from the indexes (the candidates still pass the predicate). */
function indexedCandidates(store: Store, expr: Expr): UserRecord[] | undefined {
  const login = soleEquality(expr, 'profile.login');
  if (typeof login === 'string') {
    const u = store.userByLogin(login);
    return u ? [u] : [];
  }
  const id = soleEquality(expr, 'id');
  if (typeof id === 'string') {
    const u = store.users.get(id);
    return u ? [u] : [];
  }
  return undefined;
}

function listByPrefix(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply, query: Record<string, string>): unknown[] {
  const limit = clampLimit(query.limit, 10, 200);
  const q = (query.q ?? '').toLowerCase();
  const page: UserRecord[] = [];
  const starts = (v: unknown): boolean => typeof v === 'string' && v.toLowerCase().startsWith(q);
  for (const u of ctx.store.userList) {
    if (page.length === limit) break;
    if (u.status === 'DEPROVISIONED') continue;
    if (starts(u.profile.firstName) || starts(u.profile.lastName) || starts(u.profile.email)) page.push(u);
  }
  setPageLinks(req, reply, ctx, '/api/v1/users', withLimit(query, limit), undefined);
  return page.map((u) => serializeUser(u, ctx.origin, 'collection'));
}

/** search + sortBy: sort all matches (ASCII, case-insensitive, ties by id) and page by offset. */
function sortedPage(
  ctx: RouteContext,
  req: FastifyRequest,
  reply: FastifyReply,
  query: Record<string, string>,
  limit: number,
  predicate: Predicate<UserRecord>,
): unknown[] {
  const sortBy = query.sortBy as string;
  const desc = (query.sortOrder ?? 'asc').toLowerCase() === 'desc';
  const key = (u: UserRecord): string => String(userValues(u, sortBy)[0] ?? '').toLowerCase();
  const matches = ctx.store.userList.filter(predicate);
  matches.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return desc ? -c : c;
  });
  const offset = decodeCursor(query.after, 'o') ?? 0;
  const page = matches.slice(offset, offset + limit);
  const next = offset + limit < matches.length ? encodeCursor('o', offset + limit) : undefined;
  setPageLinks(req, reply, ctx, '/api/v1/users', withLimit(query, limit), next);
  return page.map((u) => serializeUser(u, ctx.origin, 'collection'));
}

// ------------------------------------------------------------------------------------------------ create / update

interface CreateInput {
  profile?: unknown;
  credentials?: unknown;
  groupIds?: unknown;
  type?: unknown;
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Okta stores no null attributes: sending null clears one (mobilePhone / secondEmail still read back as null). */
function withoutNulls(profile: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== null));
}

function requireBody(body: unknown): Record<string, unknown> {
  const obj = asObject(body);
  if (!obj) throw oktaError(400, 'E0000003', 'The request body was not well-formed.');
  return obj;
}

function checkProfileAttributes(profile: Record<string, unknown>, operation: string): void {
  for (const key of Object.keys(profile)) {
    if (!BASE_PROFILE.has(key)) throw validationFailed(operation, [`Property name '${key}' is not defined in profile`]);
  }
}

function checkProfileValues(store: Store, profile: Record<string, unknown>, self: UserRecord | undefined): void {
  for (const field of REQUIRED_PROFILE) {
    const v = profile[field];
    if (typeof v !== 'string' || v.trim() === '') throw validationFailed(field, [`${field}: The field cannot be left blank`]);
  }
  const login = profile.login as string;
  if (login.length < 5 || login.length > 100) throw validationFailed('login', ['login: The field must be between 5 and 100 characters']);
  if (!EMAIL.test(login)) throw validationFailed('login', ['login: Username must be in the form of an email address']);
  const email = profile.email as string;
  if (!EMAIL.test(email) || email.length > 100) throw validationFailed('email', ['email: Does not match required pattern']);
  for (const field of ['firstName', 'lastName'] as const) {
    if ((profile[field] as string).length > 50) throw validationFailed(field, [`${field}: The field is too long`]);
  }
  const clash = store.byLogin.get(loginKey(login));
  if (clash !== undefined && clash !== self?.id) {
    throw validationFailed('login', ['login: An object with this field already exists in the current organization']);
  }
}

/** Okta's default password policy: 8+ characters, lower, upper, digit, and no part of the login. */
function checkPassword(value: unknown, login: string): string {
  if (typeof value !== 'string') throw validationFailed('password', ['password: The password must be a string']);
  const local = (login.split('@')[0] ?? '').toLowerCase();
  const weak = value.length < 8 || !/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value) || (local.length >= 3 && value.toLowerCase().includes(local));
  if (weak) {
    throw validationFailed('password', [
      'password: Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.',
    ]);
  }
  return value;
}

interface CredentialsInput {
  password?: string;
  recovery?: { question: string; answer?: string };
  provider?: { type: ProviderType; name: string };
}

function readCredentials(raw: unknown, login: string): CredentialsInput {
  const creds = asObject(raw);
  if (!creds) return {};
  const out: CredentialsInput = {};
  const pw = asObject(creds.password);
  if (pw && pw.value !== undefined) out.password = checkPassword(pw.value, login);
  const rq = asObject(creds.recovery_question);
  if (rq && typeof rq.question === 'string') {
    out.recovery = { question: rq.question, ...(typeof rq.answer === 'string' ? { answer: rq.answer } : {}) };
  }
  const prov = asObject(creds.provider);
  if (prov && typeof prov.type === 'string') {
    out.provider = { type: prov.type as ProviderType, name: typeof prov.name === 'string' ? prov.name : prov.type };
  }
  return out;
}

function createUser(ctx: RouteContext, req: FastifyRequest): unknown {
  const { store } = ctx;
  const body = requireBody(req.body) as CreateInput;
  const query = queryOf(req);
  const profile = asObject(body.profile);
  if (!profile) throw validationFailed('profile', ['profile: The field cannot be left blank']);
  checkProfileAttributes(profile, 'newUser');
  checkProfileValues(store, profile, undefined);
  const login = profile.login as string;
  const creds = readCredentials(body.credentials, login);
  const activate = boolParam(query.activate, true);
  const federated = creds.provider !== undefined && (creds.provider.type === 'FEDERATION' || creds.provider.type === 'SOCIAL');
  if (federated && !boolParam(query.provider, false)) {
    throw validationFailed('provider', ['provider: Set the provider query parameter to true to create a user with this provider']);
  }
  if (federated && creds.password !== undefined) {
    throw validationFailed('password', ['password: Users with this provider cannot have a password']);
  }
  const expireNow = query.nextLogin === 'changePassword';
  if (expireNow && !activate) {
    throw oktaError(400, 'E0000125', 'Could not create user. To create a user and expire their password immediately, `activate` must be true.');
  }
  if (expireNow && creds.password === undefined) {
    throw oktaError(400, 'E0000124', 'Could not create user. To create a user and expire their password immediately, a password must be specified.');
  }
  const groups = readGroupIds(store, body.groupIds);

  const now = store.nowIso();
  let status: UserStatus = 'STAGED';
  if (activate) status = federated || creds.password !== undefined ? 'ACTIVE' : 'PROVISIONED';
  if (expireNow) status = 'PASSWORD_EXPIRED';
  const user = store.addUser({
    status,
    created: now,
    activated: activate ? now : null,
    statusChanged: now,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: creds.password !== undefined ? now : null,
    profile: withoutNulls(profile) as UserRecord['profile'],
    provider: creds.provider ?? { type: 'OKTA', name: 'OKTA' },
    ...(creds.password !== undefined ? { password: creds.password } : {}),
    ...(creds.recovery ? { recoveryQuestion: creds.recovery } : {}),
  });
  recordMutation(ctx, req, 'create', [targetOf(user)]);
  if (activate) recordMutation(ctx, req, 'activate', [targetOf(user)]);
  for (const g of groups) {
    store.addMember(g, user.id);
    g.lastMembershipUpdated = now;
    recordMutation(ctx, req, 'group_add', [targetOf(user), groupTarget(g)]);
  }
  return serializeUser(user, ctx.origin, 'single');
}

function readGroupIds(store: Store, raw: unknown): NonNullable<ReturnType<Store['groups']['get']>>[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validationFailed('groupIds', ['groupIds: must be an array of group ids']);
  if (raw.length > 20) throw oktaError(400, 'E0000093', 'Target count limit exceeded', ['The number of group targets is too large']);
  return raw.map((id) => {
    const g = typeof id === 'string' ? store.groups.get(id) : undefined;
    if (!g) throw validationFailed('groupIds', [`groupIds: Group not found: ${String(id)}`]);
    if (g.type !== 'OKTA_GROUP') throw oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
    return g;
  });
}

function updateUser(ctx: RouteContext, req: FastifyRequest, replace: boolean): unknown {
  const { store } = ctx;
  const user = userFromPath(ctx, req);
  const body = requireBody(req.body);
  const patch = asObject(body.profile);
  const now = store.nowIso();
  let changedProfile = false;
  if (replace && !patch) throw validationFailed('profile', ['profile: The field cannot be left blank']);
  if (patch) {
    checkProfileAttributes(patch, 'updateUser');
    const next = withoutNulls(replace ? { ...patch } : { ...user.profile, ...patch });
    checkProfileValues(store, next, user);
    if (next.login !== user.profile.login) store.changeLogin(user, next.login as string);
    user.profile = next as UserRecord['profile'];
    changedProfile = true;
  }
  const creds = readCredentials(body.credentials, user.profile.login);
  if (creds.password !== undefined) {
    if (user.provider.type === 'FEDERATION' || user.provider.type === 'SOCIAL') {
      throw validationFailed('password', ['password: Users with this provider cannot have a password']);
    }
    user.password = creds.password;
    user.passwordChanged = now;
    // an admin-set password completes activation / recovery / expiry
    if (user.status === 'PASSWORD_EXPIRED' || user.status === 'RECOVERY' || user.status === 'PROVISIONED') {
      user.status = 'ACTIVE';
      user.statusChanged = now;
      user.activated ??= now;
    }
    recordMutation(ctx, req, 'update_password', [targetOf(user)]);
  }
  if (creds.recovery) user.recoveryQuestion = creds.recovery;
  user.lastUpdated = now;
  if (changedProfile) recordMutation(ctx, req, 'update_profile', [targetOf(user)]);
  return serializeUser(user, ctx.origin, 'single');
}

function deleteUser(ctx: RouteContext, req: FastifyRequest): void {
  const user = userFromPath(ctx, req);
  if (user.status !== 'DEPROVISIONED') {
    deactivate(ctx.store, user);
    recordMutation(ctx, req, 'deactivate', [targetOf(user)]);
    return;
  }
  recordMutation(ctx, req, 'delete', [targetOf(user)]);
  ctx.store.removeUser(user);
}

// ------------------------------------------------------------------------------------------------ lifecycle

function setStatus(store: Store, user: UserRecord, status: UserStatus): void {
  const now = store.nowIso();
  user.status = status;
  user.statusChanged = now;
  user.lastUpdated = now;
}

function deactivate(store: Store, user: UserRecord): void {
  setStatus(store, user, 'DEPROVISIONED');
}

function activationToken(store: Store, origin: string): { activationUrl: string; activationToken: string } {
  const token = store.ids.alnum(20);
  return { activationUrl: `${origin}/welcome/${token}`, activationToken: token };
}

const PASSWORD_HOLDERS: ReadonlySet<UserStatus> = new Set(['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY']);

type LifecycleResult = { status: UserStatus; body: (user: UserRecord) => unknown; event?: string };

/**
 * Okta's lifecycle table (okta-api.md §2.2): each operation's allowed source statuses, the resulting status,
 * the success body and the refusal. Returns the refusal as a thrown error.
 */
export function lifecycleTransition(store: Store, origin: string, user: UserRecord, op: string, query: Record<string, string>): LifecycleResult {
  const s = user.status;
  const sendEmail = (fallback: boolean): boolean => boolParam(query.sendEmail, fallback);
  switch (op) {
    case 'activate':
      if (s !== 'STAGED' && s !== 'DEPROVISIONED') {
        throw oktaError(403, 'E0000016', 'Activation failed because the user is already active');
      }
      return {
        status: s === 'STAGED' && (user.password !== undefined || user.provider.type !== 'OKTA') ? 'ACTIVE' : 'PROVISIONED',
        body: () => (sendEmail(true) ? {} : activationToken(store, origin)),
      };
    case 'reactivate':
      if (s !== 'PROVISIONED' && s !== 'RECOVERY') throw statusNotAllowed();
      return { status: 'PROVISIONED', body: () => (sendEmail(false) ? {} : activationToken(store, origin)) };
    case 'deactivate':
      if (s === 'DEPROVISIONED') throw statusNotAllowed();
      return { status: 'DEPROVISIONED', body: () => ({}) };
    case 'suspend':
      if (s !== 'ACTIVE') throw validationFailed('suspendUser', ['Cannot suspend a user that is not active']);
      return { status: 'SUSPENDED', body: () => ({}) };
    case 'unsuspend':
      if (s !== 'SUSPENDED') throw validationFailed('unsuspendUser', ['Cannot unsuspend a user that is not suspended']);
      return { status: 'ACTIVE', body: () => ({}) };
    case 'unlock':
      if (s !== 'LOCKED_OUT') throw oktaError(403, 'E0000032', 'Unlock is not allowed for this user.', ['The user is not locked out.']);
      return { status: 'ACTIVE', body: () => ({}) };
    case 'reset_password':
      if (!PASSWORD_HOLDERS.has(s) && s !== 'PROVISIONED') throw statusNotAllowed();
      return {
        status: 'RECOVERY',
        body: () => (sendEmail(true) ? {} : { resetPasswordUrl: `${origin}/reset_password/${store.ids.alnum(20)}` }),
      };
    case 'expire_password':
      if (!PASSWORD_HOLDERS.has(s) || user.provider.type !== 'OKTA') throw statusNotAllowed();
      return { status: 'PASSWORD_EXPIRED', body: (u) => serializeUser(u, origin, 'single') };
    case 'expire_password_with_temp_password':
      if (!PASSWORD_HOLDERS.has(s) || user.provider.type !== 'OKTA') throw statusNotAllowed();
      return {
        status: 'PASSWORD_EXPIRED',
        body: (u) => {
          const temp = store.ids.alnum(8);
          u.password = temp;
          u.passwordChanged = store.nowIso();
          return { tempPassword: temp };
        },
      };
    case 'reset_factors':
      if (s === 'DEPROVISIONED') throw statusNotAllowed();
      return {
        status: s,
        body: (u) => {
          store.factors.delete(u.id);
          return {};
        },
      };
    default:
      throw oktaError(404, 'E0000008', 'The requested path was not found');
  }
}

function runLifecycle(ctx: RouteContext, req: FastifyRequest): unknown {
  const user = userFromPath(ctx, req);
  const op = paramOf(req, 'op');
  const result = lifecycleTransition(ctx.store, ctx.origin, user, op, queryOf(req));
  if (result.status !== user.status) {
    setStatus(ctx.store, user, result.status);
    if (op === 'activate') user.activated = ctx.store.nowIso();
  } else {
    user.lastUpdated = ctx.store.nowIso();
  }
  const body = result.body(user);
  recordMutation(ctx, req, op as Parameters<typeof recordMutation>[2], [targetOf(user)]);
  return body;
}

function changePassword(ctx: RouteContext, req: FastifyRequest): unknown {
  const user = userFromPath(ctx, req);
  const body = requireBody(req.body);
  const oldPw = asObject(body.oldPassword)?.value;
  const newPw = asObject(body.newPassword)?.value;
  if (user.password === undefined || oldPw !== user.password) {
    throw oktaError(403, 'E0000014', 'Update of credentials failed', ['oldPassword: The credentials provided were incorrect.']);
  }
  user.password = checkPassword(newPw, user.profile.login);
  user.passwordChanged = ctx.store.nowIso();
  user.lastUpdated = user.passwordChanged;
  recordMutation(ctx, req, 'update_password', [targetOf(user)]);
  return { password: {}, provider: { ...user.provider } };
}

// ------------------------------------------------------------------------------------------------ routes

export function registerUserRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const send = (status: number, fn: (req: FastifyRequest, reply: FastifyReply) => unknown) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
      const body = fn(req, reply);
      reply.code(status);
      return status === 204 ? reply.send() : body;
    };

  app.get('/api/v1/users', send(200, (req, reply) => listUsers(ctx, req, reply)));
  app.post('/api/v1/users', send(200, (req) => createUser(ctx, req)));
  app.get('/api/v1/users/:id', send(200, (req) => serializeUser(userFromPath(ctx, req), ctx.origin, 'single')));
  app.post('/api/v1/users/:id', send(200, (req) => updateUser(ctx, req, false)));
  app.put('/api/v1/users/:id', send(200, (req) => updateUser(ctx, req, true)));
  app.delete('/api/v1/users/:id', send(204, (req) => deleteUser(ctx, req)));
  app.post('/api/v1/users/:id/lifecycle/:op', send(200, (req) => runLifecycle(ctx, req)));
  app.post('/api/v1/users/:id/credentials/change_password', send(200, (req) => changePassword(ctx, req)));
  app.delete('/api/v1/users/:id/sessions', send(204, (req) => {
    const user = userFromPath(ctx, req);
    recordMutation(ctx, req, 'session_clear', [targetOf(user)]);
  }));
  app.get('/api/v1/users/:id/groups', send(200, (req, reply) => {
    const user = userFromPath(ctx, req);
    setPageLinks(req, reply, ctx, `/api/v1/users/${user.id}/groups`, { limit: '200' }, undefined);
    return ctx.store.groupsOfUser(user.id).map((g) => serializeGroup(g, ctx.origin));
  }));
}

