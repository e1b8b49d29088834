// The stable projection of an Okta user into the standard `Account` context, and its War Room table.
// Every command that outputs users goes through here, so the context looks the same whichever command wrote it.
import type { OktaUser } from '../okta/types';
import { type Entry, commandResult } from '../runtime/entry';
import { cappedTable, cappedTableOf, pascalToSpace, type Row } from '../runtime/markdown';

export const ACCOUNT_PREFIX = 'Account';
export const ACCOUNT_KEY = 'ID';

export interface AccountContext {
  ID: string;
  Username?: string;
  DisplayName?: string;
  Email?: string;
  FirstName?: string;
  LastName?: string;
  Status?: string;
  Type: 'Okta';
  Created?: string;
  Activated?: string;
  StatusChanged?: string;
  LastLogin?: string;
  LastUpdated?: string;
  PasswordChanged?: string;
  Manager?: string;
  [extra: string]: unknown;
}

const present = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** profile.displayName when set, else "First Last" from the parts that exist (never "None None"). */
export function displayName(user: Pick<OktaUser, 'profile'>): string | undefined {
  const profile = user.profile;
  if (present(profile.displayName)) return profile.displayName;
  const joined = [profile.firstName, profile.lastName].filter(present).join(' ');
  return joined || undefined;
}

/** Null or missing fields are left out rather than written as null: context never claims a value Okta did not give. */
export function accountContext(user: OktaUser): AccountContext {
  const fields: Record<string, unknown> = {
    ID: user.id,
    Username: user.profile.login,
    DisplayName: displayName(user),
    Email: user.profile.email,
    FirstName: user.profile.firstName,
    LastName: user.profile.lastName,
    Status: user.status,
    Type: 'Okta',
    Created: user.created,
    Activated: user.activated,
    StatusChanged: user.statusChanged,
    LastLogin: user.lastLogin,
    LastUpdated: user.lastUpdated,
    PasswordChanged: user.passwordChanged,
    Manager: user.profile['manager'],
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== '')) as AccountContext;
}

export const USER_TABLE_HEADERS = ['ID', 'Username', 'DisplayName', 'Email', 'Status', 'LastLogin'] as const;

export function userRow(user: OktaUser): Row {
  const account = accountContext(user);
  return Object.fromEntries(USER_TABLE_HEADERS.map((header) => [header, account[header]]));
}

/** One table of users (at most 100 rows shown; context holds all). */
export function usersTable(title: string, users: readonly OktaUser[]): string {
  return cappedTableOf(title, users, userRow, { headers: USER_TABLE_HEADERS, headerTransform: pascalToSpace });
}

/** verbose=true: per user, the full profile and the other user fields as two tables. */
export function verboseUserMarkdown(user: OktaUser): string {
  const { profile, credentials, _links, _embedded, ...rest } = user;
  const other: Row = { ...rest, ...(credentials?.provider ? { provider: `${credentials.provider.type}${credentials.provider.name ? ` (${credentials.provider.name})` : ''}` } : {}) };
  return [
    `### User: ${profile.login}`,
    cappedTable('Profile', [profile], { removeNull: true }),
    cappedTable('Additional data', [other], { removeNull: true }),
  ].join('\n');
}

export function accountsResult(users: readonly OktaUser[], readable: string, raw: unknown = users): Entry {
  return commandResult({ prefix: ACCOUNT_PREFIX, keyField: ACCOUNT_KEY, outputs: users.map(accountContext), readable, raw });
}
