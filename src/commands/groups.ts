// Group commands: a user's groups, listing groups, a group's members, and membership changes.
// Names are resolved exactly (resolve.ts); ids given by the caller are used as they are, so no lookup is spent on them.
import type { OktaApi } from '../okta/api';
import { OktaApiError } from '../okta/errors';
import type { GroupType, OktaGroup, OktaUser } from '../okta/types';
import { bool, id, int, text } from '../runtime/args';
import { type Command, defineCommand } from '../runtime/command';
import { commandResult, noteEntry } from '../runtime/entry';
import { UsageError } from '../runtime/errors';
import { cappedTableOf, pascalToSpace } from '../runtime/markdown';
import { ACCOUNT_KEY, ACCOUNT_PREFIX, accountsResult, usersTable, verboseUserMarkdown } from './accounts';
import { readListing, withFailure } from './listing';
import { type GroupRef, type ResolvedGroup, type UserRef, resolveGroup, resolveUser, userLabel } from './resolve';

export const GROUP_CONTEXT_PREFIX = 'Okta.Group';

export interface GroupContext {
  ID: string;
  Created?: string;
  ObjectClass?: string[];
  LastUpdated?: string;
  LastMembershipUpdated?: string;
  Type?: GroupType;
  Name?: string;
  Description?: string;
}

export const GROUP_HEADERS = ['ID', 'Created', 'ObjectClass', 'LastUpdated', 'LastMembershipUpdated', 'Type', 'Name', 'Description'] as const;

/** The projection shared by okta-get-groups and okta-list-groups; absent or null fields are left out. */
export function groupContext(group: OktaGroup): GroupContext {
  const fields: Record<string, unknown> = {
    ID: group.id,
    Created: group.created,
    ObjectClass: group.objectClass,
    LastUpdated: group.lastUpdated,
    LastMembershipUpdated: group.lastMembershipUpdated,
    Type: group.type,
    Name: group.profile?.name,
    Description: group.profile?.description,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== '')) as unknown as GroupContext;
}

export function groupsTable(title: string, groups: readonly OktaGroup[]): string {
  return cappedTableOf(title, groups, (group) => ({ ...groupContext(group) }), { headers: GROUP_HEADERS, headerTransform: pascalToSpace });
}


const groupLabel = (resolved: ResolvedGroup): string => resolved.group?.profile.name ?? resolved.id;

// ---- okta-get-groups --------------------------------------------------------------------------------------

const getGroups = defineCommand({
  name: 'okta-get-groups',
  args: { username: text(), userId: id() },
  async run(ctx, args) {
    const resolved = await resolveUser(ctx.okta, args);
    const { items: groups, failure } = await readListing(ctx.okta.groups.ofUser(resolved.id), ctx, 'groups', 200);
    if (failure) throw failure;
    const label = userLabel(resolved);
    return commandResult({
      prefix: ACCOUNT_PREFIX,
      keyField: ACCOUNT_KEY,
      outputs: { ID: resolved.id, Type: 'Okta', Group: groups.map(groupContext) },
      readable: groupsTable(`Okta groups for user: ${label}`, groups),
      raw: groups,
    });
  },
});

// ---- okta-list-groups -------------------------------------------------------------------------------------

const listGroups = defineCommand({
  name: 'okta-list-groups',
  args: { query: text(), filter: text(), limit: int({ min: 1, max: 10000, default: '200' }) },
  async run(ctx, args) {
    // Okta refuses the pair with E0000033; saying so here saves the round trip and names our argument names.
    if (args.query && args.filter) throw new UsageError('Give either "query" or "filter", not both: Okta cannot combine a name query with a filter.');
    const listing = await readListing(ctx.okta.groups.list({ q: args.query, filter: args.filter }, { limit: args.limit }), ctx, 'groups', 200);
    const groups = listing.items;
    if (groups.length === 0) return noteEntry('No groups found', []);
    const result = commandResult({
      prefix: GROUP_CONTEXT_PREFIX,
      keyField: 'ID',
      outputs: groups.map(groupContext),
      readable: groupsTable('Groups', groups),
      raw: groups,
    });
    return withFailure('okta-list-groups', result, listing, 'groups');
  },
});

// ---- okta-get-group-members -------------------------------------------------------------------------------

const VERBOSE_CAP = 100;

function verboseMembers(title: string, users: readonly OktaUser[]): string {
  const shown = users.slice(0, VERBOSE_CAP).map(verboseUserMarkdown);
  const hidden = users.length - shown.length;
  const more = hidden > 0 ? [`Showing the first ${VERBOSE_CAP} of ${users.length} users; ${hidden} more ${hidden === 1 ? 'is' : 'are'} in context.\n`] : [];
  const body = users.length ? shown : ['**No entries.**\n'];
  return [`## ${title}\n`, ...body, ...more].join('\n');
}

const getGroupMembers = defineCommand({
  name: 'okta-get-group-members',
  args: {
    groupId: id(),
    limit: int({ min: 1, max: 100000 }),
    verbose: bool({ default: 'false' }),
    groupName: text(),
  },
  async run(ctx, args) {
    const group = await resolveGroup(ctx.okta, args);
    const listing = await readListing(ctx.okta.groups.members(group.id, { limit: args.limit }), ctx, 'members', 1000);
    const users = listing.items;
    const title = `Users for group: ${groupLabel(group)}`;
    const result = accountsResult(users, args.verbose ? verboseMembers(title, users) : usersTable(title, users));
    return withFailure('okta-get-group-members', result, listing, 'members');
  },
});

// ---- okta-add-to-group / okta-remove-from-group -----------------------------------------------------------

type MembershipChange = 'add' | 'remove';

function requireMembershipRefs(ref: UserRef & GroupRef): void {
  const missing = [
    ...(ref.userId || ref.username ? [] : ['Either "userId" or "username" is required.']),
    ...(ref.groupId || ref.groupName ? [] : ['Either "groupId" or "groupName" is required.']),
  ];
  if (missing.length) throw new UsageError(missing.join('\n'));
}

// Okta answers 204 whether or not anything changed (adding a member, removing a non-member), so the message says
// what is certain now and that a no-op looks the same; finding out which would cost a request per call.
const OUTCOME: Record<MembershipChange, (user: string, group: string) => string> = {
  add: (user, group) => `User '${user}' was added to group '${group}' (or already was a member: Okta answers the same).`,
  remove: (user, group) => `User '${user}' was removed from group '${group}' (or was not a member: Okta answers the same).`,
};

/** Okta changes memberships of OKTA_GROUP only; the other two kinds are owned elsewhere. */
function managedElsewhere(label: string, type: GroupType | undefined, change: MembershipChange): string {
  const action = change === 'add' ? 'add users to' : 'remove users from';
  if (type === 'BUILT_IN') {
    return `Cannot ${action} group '${label}': it is a BUILT_IN group (such as Everyone), whose membership Okta manages itself. Only OKTA_GROUP memberships can be changed.`;
  }
  if (type === 'APP_GROUP') {
    return `Cannot ${action} group '${label}': it is an APP_GROUP, whose membership is managed by the application it is imported from (for example Active Directory), not in Okta. Change it there. Only OKTA_GROUP memberships can be changed.`;
  }
  // 403 E0000006 without a known type: Okta's answer for an APP_GROUP, but also for a token without the permission.
  return `Okta refused to ${action} group '${label}' (E0000006). If it is an APP_GROUP, its membership is managed by the application it is imported from (for example Active Directory), not in Okta; only OKTA_GROUP memberships can be changed. If it is an OKTA_GROUP, the API token's admin lacks the permission to manage it.`;
}

const REFUSAL_TYPE: Record<string, GroupType | undefined> = { E0000006: undefined, E0000060: 'BUILT_IN' };

async function applyChange(okta: OktaApi, change: MembershipChange, groupId: string, userId: string, label: string): Promise<void> {
  try {
    if (change === 'add') await okta.groups.addUser(groupId, userId);
    else await okta.groups.removeUser(groupId, userId);
  } catch (error) {
    if (error instanceof OktaApiError && error.errorCode !== undefined && error.errorCode in REFUSAL_TYPE) {
      throw new Error(`${managedElsewhere(label, REFUSAL_TYPE[error.errorCode], change)}\n${error.message}`);
    }
    throw error;
  }
}

function membershipCommand(name: string, change: MembershipChange): Command {
  return defineCommand({
    name,
    args: { userId: id(), groupId: id(), username: text(), groupName: text() },
    async run(ctx, args) {
      requireMembershipRefs(args);
      // The group first: a group whose membership Okta does not own is refused before the user lookup.
      const group = await resolveGroup(ctx.okta, args);
      if (group.group && group.group.type !== 'OKTA_GROUP') throw new Error(managedElsewhere(groupLabel(group), group.group.type, change));
      const user = await resolveUser(ctx.okta, args);
      await applyChange(ctx.okta, change, group.id, user.id, groupLabel(group));
      return noteEntry(OUTCOME[change](userLabel(user), groupLabel(group)));
    },
  });
}

export const groupsCommands: Command[] = [
  getGroups,
  membershipCommand('okta-add-to-group', 'add'),
  membershipCommand('okta-remove-from-group', 'remove'),
  listGroups,
  getGroupMembers,
];
