// /api/v1/groups: list (q / filter / search), create, get, update, delete, members (paged), add / remove members.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordMutation, targetOf } from './audit.js';
import { notFound, oktaError, validationFailed } from './errors.js';
import { groupTarget } from './events.js';
import { pathValues, type ExprRules, type Predicate } from './expr.js';
import { clampLimit, collectPage, decodeCursor, encodeCursor, paramOf, queryOf, setPageLinks, withLimit, type RouteContext } from './http.js';
import { serializeGroup, serializeUser, type GroupRecord, type UserRecord } from './store.js';
import { compileQuery } from './users.js';

const GROUP_TOP_LEVEL = new Set(['id', 'type', 'created', 'lastUpdated', 'lastMembershipUpdated']);
const GROUP_DATES = new Set(['created', 'lastUpdated', 'lastMembershipUpdated']);
const ORDERING = new Set(['gt', 'ge', 'lt', 'le']);

function groupValues(g: GroupRecord, attr: string): unknown[] {
  if (GROUP_TOP_LEVEL.has(attr)) return [g[attr as 'id']];
  if (attr === 'source.id') return g.sourceAppId ? [g.sourceAppId] : [];
  if (attr.startsWith('profile.')) return pathValues(g.profile, attr.slice(8).split('.'));
  return [];
}

export const GROUP_FILTER_RULES: ExprRules = {
  allowNot: false,
  check(attr, op) {
    if (!['id', 'type', 'lastUpdated', 'lastMembershipUpdated'].includes(attr)) return `filter: Unsupported attribute '${attr}'`;
    if (op === 'eq' || (GROUP_DATES.has(attr) && ORDERING.has(op))) return undefined;
    return `filter: Unsupported operator '${op}' for attribute '${attr}'`;
  },
};

export const GROUP_SEARCH_RULES: ExprRules = {
  allowNot: true,
  check(attr, op) {
    if (!GROUP_TOP_LEVEL.has(attr) && attr !== 'source.id' && !attr.startsWith('profile.')) return `search: Unsupported attribute '${attr}'`;
    if (op === 'ne') return `search: The operator 'ne' is not supported`;
    if (op === 'co' && attr !== 'profile.name' && attr !== 'profile.description') return `search: The operator 'co' is not supported for attribute '${attr}'`;
    return undefined;
  },
};

function withExpand(g: GroupRecord, ctx: RouteContext, expand: string | undefined): unknown {
  const out = serializeGroup(g, ctx.origin);
  if (expand?.split(',').includes('stats')) {
    out._embedded = { stats: { usersCount: ctx.store.memberIds(g).length, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false } };
  }
  return out;
}

function listGroups(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply): unknown[] {
  const query = queryOf(req);
  const given = ['q', 'filter', 'search'].filter((k) => query[k] !== undefined && query[k] !== '');
  if (given.length > 1) throw oktaError(400, 'E0000033', "Bad request. Can't specify a search query and filter in the same request.");
  const limit = clampLimit(query.limit, 200, 10000);
  const params = withLimit(query, limit);
  const groups = ctx.store.groupList;

  if (query.q) {
    // prefix on the name, exact matches first, never paged
    const q = query.q.toLowerCase();
    const hits = groups.filter((g) => g.profile.name.toLowerCase().startsWith(q));
    const exact = hits.filter((g) => g.profile.name.toLowerCase() === q);
    const page = [...exact, ...hits.filter((g) => !exact.includes(g))].slice(0, limit);
    setPageLinks(req, reply, ctx, '/api/v1/groups', params, undefined);
    return page.map((g) => withExpand(g, ctx, query.expand));
  }

  let predicate: Predicate<GroupRecord> = () => true;
  if (query.filter) predicate = compileQuery(query.filter, GROUP_FILTER_RULES, groupValues, false, GROUP_DATES).predicate;
  else if (query.search) predicate = compileQuery(query.search, GROUP_SEARCH_RULES, groupValues, true, GROUP_DATES).predicate;

  const afterSeq = decodeCursor(query.after, 'g') ?? 0;
  const { page, more } = collectPage(groups, 0, groups.length, 1, (g) => g.seq > afterSeq && predicate(g), limit);
  const last = page[page.length - 1];
  setPageLinks(req, reply, ctx, '/api/v1/groups', params, more && last ? encodeCursor('g', last.seq) : undefined);
  return page.map((g) => withExpand(g, ctx, query.expand));
}

function groupFromPath(ctx: RouteContext, req: FastifyRequest): GroupRecord {
  const gid = paramOf(req, 'gid');
  const g = ctx.store.groups.get(gid);
  if (!g) throw notFound(gid, 'UserGroup');
  return g;
}

function memberFromPath(ctx: RouteContext, req: FastifyRequest): UserRecord {
  const uid = paramOf(req, 'uid');
  const u = ctx.store.users.get(uid);
  if (!u) throw notFound(uid, 'User');
  return u;
}

function listMembers(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply): unknown[] {
  const group = groupFromPath(ctx, req);
  const query = queryOf(req);
  const limit = clampLimit(query.limit, 1000, 1000);
  const offset = decodeCursor(query.after, 'm') ?? 0;
  const ids = ctx.store.memberIds(group);
  const page: UserRecord[] = [];
  let i = offset;
  for (; i < ids.length && page.length < limit; i++) {
    const u = ctx.store.users.get(ids[i] as string);
    if (u) page.push(u);
  }
  const next = i < ids.length ? encodeCursor('m', i) : undefined;
  setPageLinks(req, reply, ctx, `/api/v1/groups/${group.id}/users`, withLimit(query, limit), next);
  return page.map((u) => serializeUser(u, ctx.origin, 'collection'));
}

/** Only OKTA_GROUP memberships can change: APP_GROUP is owned by its source app, BUILT_IN by Okta. */
function checkMembershipEditable(group: GroupRecord): void {
  if (group.type === 'APP_GROUP') throw oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
  if (group.type === 'BUILT_IN') throw oktaError(501, 'E0000060', 'Unsupported operation.');
}

function changeMembership(ctx: RouteContext, req: FastifyRequest, add: boolean): void {
  const group = groupFromPath(ctx, req);
  const user = memberFromPath(ctx, req);
  checkMembershipEditable(group);
  const changed = add ? ctx.store.addMember(group, user.id) : ctx.store.removeMember(group, user.id);
  if (!changed) return;
  group.lastMembershipUpdated = ctx.store.nowIso();
  recordMutation(ctx, req, add ? 'group_add' : 'group_remove', [targetOf(user), groupTarget(group)]);
}

function readGroupProfile(body: unknown): GroupRecord['profile'] {
  const profile = (body as { profile?: Record<string, unknown> } | undefined)?.profile;
  if (!profile || typeof profile.name !== 'string' || profile.name.trim() === '') {
    throw validationFailed('name', ['name: The field cannot be left blank']);
  }
  return { ...profile, name: profile.name, description: typeof profile.description === 'string' ? profile.description : null };
}

export function registerGroupRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/groups', async (req, reply) => listGroups(ctx, req, reply));
  app.post('/api/v1/groups', async (req) => {
    const now = ctx.store.nowIso();
    const g = ctx.store.addGroup({
      type: 'OKTA_GROUP', created: now, lastUpdated: now, lastMembershipUpdated: now,
      objectClass: ['okta:user_group'], profile: readGroupProfile(req.body),
    });
    recordMutation(ctx, req, 'group_create', [groupTarget(g)]);
    return serializeGroup(g, ctx.origin);
  });
  app.get('/api/v1/groups/:gid', async (req) => withExpand(groupFromPath(ctx, req), ctx, queryOf(req).expand));
  app.put('/api/v1/groups/:gid', async (req) => {
    const g = groupFromPath(ctx, req);
    if (g.type !== 'OKTA_GROUP') throw oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
    g.profile = readGroupProfile(req.body);
    g.lastUpdated = ctx.store.nowIso();
    return serializeGroup(g, ctx.origin);
  });
  app.delete('/api/v1/groups/:gid', async (req, reply) => {
    const g = groupFromPath(ctx, req);
    if (g.type === 'BUILT_IN') throw oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
    ctx.store.removeGroup(g);
    recordMutation(ctx, req, 'group_delete', [groupTarget(g)]);
    return reply.code(204).send();
  });
  app.get('/api/v1/groups/:gid/users', async (req, reply) => listMembers(ctx, req, reply));
  app.put('/api/v1/groups/:gid/users/:uid', async (req, reply) => {
    changeMembership(ctx, req, true);
    return reply.code(204).send();
  });
  app.delete('/api/v1/groups/:gid/users/:uid', async (req, reply) => {
    changeMembership(ctx, req, false);
    return reply.code(204).send();
  });
}
