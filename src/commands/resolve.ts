// Names → ids. Analysts type logins and group names; Okta's endpoints want ids. Each resolution is one request,
// exact (never a prefix match taken blindly), and ambiguity is an error that lists the candidates.
import type { OktaApi } from '../okta/api';
import { quote } from '../okta/escape';
import type { OktaGroup, OktaUser } from '../okta/types';
import { UsageError } from '../runtime/errors';
import { collect } from './listing';

/** Raised when a name resolves to nothing; commands that report "not found" as a note catch exactly this. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export interface UserRef {
  userId?: string | undefined;
  username?: string | undefined;
}

/** A user we know by id only (no lookup was needed), or the full user object a lookup returned. */
export interface ResolvedUser {
  id: string;
  user?: OktaUser;
}

/**
 * `search=profile.login eq "<login>"`: exact (case-insensitive, as Okta logins are), finds DEPROVISIONED users too,
 * and works for logins with `/` that cannot be put in a path. Returns undefined when nobody has that login.
 */
export async function findUserByLogin(okta: OktaApi, login: string): Promise<OktaUser | undefined> {
  const users = await collect(okta.users.search(`profile.login eq ${quote(login)}`, { limit: 2 }), 2);
  if (users.length > 1) {
    throw new Error(`Several Okta users match the login '${login}': ${users.map((user) => `${user.id} (${user.profile.login})`).join(', ')}. Use userId instead.`);
  }
  return users[0];
}

export async function userByLogin(okta: OktaApi, login: string): Promise<OktaUser> {
  const user = await findUserByLogin(okta, login);
  if (!user) throw new NotFoundError(`User '${login}' was not found in Okta.`);
  return user;
}

/** Checks the pair before anything is sent; userId wins, so no lookup is made when it is given. */
export function requireUserRef(ref: UserRef): void {
  if (!ref.userId && !ref.username) throw new UsageError('Either "userId" or "username" is required.');
}

/** How a user is named in messages: the login when a lookup gave it, else the id the caller gave. */
export const userLabel = (resolved: ResolvedUser): string => resolved.user?.profile.login ?? resolved.id;

export async function resolveUser(okta: OktaApi, ref: UserRef): Promise<ResolvedUser> {
  requireUserRef(ref);
  if (ref.userId) return { id: ref.userId };
  const user = await userByLogin(okta, ref.username!);
  return { id: user.id, user };
}

export interface GroupRef {
  groupId?: string | undefined;
  groupName?: string | undefined;
}

export function requireGroupRef(ref: GroupRef): void {
  if (!ref.groupId && !ref.groupName) throw new UsageError('Either "groupId" or "groupName" is required.');
}

/**
 * `search=profile.name eq "<name>"` (Okta compares case-insensitively), then only the exact name counts: a
 * membership change must never land on "Admins" when "admins" was typed. Near misses are named in the error.
 * Two groups may share a name in Okta; then the user must choose by id.
 */
export async function groupByName(okta: OktaApi, name: string): Promise<OktaGroup> {
  const matches = await collect(okta.groups.list({ search: `profile.name eq ${quote(name)}` }, { limit: 20 }), 20);
  const exact = matches.filter((group) => group.profile.name === name);
  const listed = (groups: readonly OktaGroup[]) => groups.map((group) => `'${group.profile.name}' ${group.id} (${group.type})`).join(', ');
  if (exact.length === 0) {
    const hint = matches.length ? ` Names that differ only in case: ${listed(matches)}.` : '';
    throw new NotFoundError(`Group '${name}' was not found in Okta.${hint}`);
  }
  if (exact.length > 1) {
    throw new Error(`Several Okta groups are named '${name}': ${exact.map((group) => `${group.id} (${group.type})`).join(', ')}. Use groupId instead.`);
  }
  return exact[0]!;
}

export interface ResolvedGroup {
  id: string;
  group?: OktaGroup;
}

export async function resolveGroup(okta: OktaApi, ref: GroupRef): Promise<ResolvedGroup> {
  requireGroupRef(ref);
  if (ref.groupId) return { id: ref.groupId };
  const group = await groupByName(okta, ref.groupName!);
  return { id: group.id, group };
}
