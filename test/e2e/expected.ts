// What the analyst should see, stated independently of the product code: the Account / Okta.Group context
// projections and the War Room tables, built from the sandbox's own view of its objects. They restate the contract
// on purpose instead of importing src/commands/accounts.ts: a test must not check the product against itself.
import type { OktaGroup, OktaUser } from '../../src/okta/types';

export const ACCOUNT_KEY = 'Account(val.ID && val.ID === obj.ID)';
export const GROUP_KEY = 'Okta.Group(val.ID && val.ID === obj.ID)';
export const EVENTS_KEY = 'Okta.Logs.Events(val.uuid && val.uuid === obj.uuid)';

/** A markdown table as tableToMarkdown writes it: a ### title, a header row, a --- row, one `| a | b |` per row. */
export function table(title: string, headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [
    ...(title ? [`### ${title}`] : []),
    `|${headers.join('|')}|`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

export function displayNameOf(user: OktaUser): string {
  return text(user.profile.displayName) || [text(user.profile.firstName), text(user.profile.lastName)].filter(Boolean).join(' ');
}

/** The standard Account context of one Okta user (null fields left out). */
export function accountOf(user: OktaUser): Record<string, unknown> {
  return withoutEmpty({
    ID: user.id,
    Username: user.profile.login,
    DisplayName: displayNameOf(user),
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
  });
}

export const USER_HEADERS = ['ID', 'Username', 'Display Name', 'Email', 'Status', 'Last Login'];

export function userTable(title: string, users: readonly OktaUser[]): string {
  return table(title, USER_HEADERS, users.map((u) => [u.id, u.profile.login, displayNameOf(u), text(u.profile.email), u.status, text(u.lastLogin)]));
}

export function groupOf(group: OktaGroup): Record<string, unknown> {
  return withoutEmpty({
    ID: group.id,
    Created: group.created,
    ObjectClass: group.objectClass,
    LastUpdated: group.lastUpdated,
    LastMembershipUpdated: group.lastMembershipUpdated,
    Type: group.type,
    Name: group.profile.name,
    Description: group.profile.description,
  });
}

export const GROUP_HEADERS = ['ID', 'Created', 'Object Class', 'Last Updated', 'Last Membership Updated', 'Type', 'Name', 'Description'];

export function groupTable(title: string, groups: readonly OktaGroup[]): string {
  return table(
    title,
    GROUP_HEADERS,
    groups.map((g) => [g.id, text(g.created), (g.objectClass ?? []).join(',<br>'), text(g.lastUpdated), text(g.lastMembershipUpdated), g.type, g.profile.name, text(g.profile.description)]),
  );
}

export const EVENT_HEADERS = ['Time', 'Actor', 'ActorAlternateId', 'EventInfo', 'EventOutcome', 'EventSeverity', 'Client', 'RequestIP', 'ChainIP', 'Targets'];

/** The client the sandbox records for a call of this integration: no browser, OS or device, from loopback. */
export const API_CLIENT = 'Unknown browser on Unknown OS Unknown device';

/** The row of an event the sandbox logged for an admin API call (actor: the token's owner, Ada Admin). */
export function adminEventRow(time: string, info: string, targets: readonly string[]): string[] {
  return [time, 'Ada Admin (User)', 'admin@example.com', info, 'SUCCESS', 'INFO', API_CLIENT, '127.0.0.1', '127.0.0.1', targets.join('<br>')];
}

/** A note entry (markdown, no context). */
export function note(readable: string, contents: unknown = null): Record<string, unknown> {
  return { Type: 1, ContentsFormat: typeof contents === 'string' ? 'text' : 'json', Contents: contents, HumanReadable: readable, ReadableContentsFormat: 'markdown' };
}

/** An entry with markdown and context; Contents is checked separately (it is Okta's raw answer). */
export function result(readable: string, context: Record<string, unknown>, contents: unknown): Record<string, unknown> {
  return { Type: 1, ContentsFormat: 'json', Contents: contents, HumanReadable: readable, ReadableContentsFormat: 'markdown', EntryContext: context };
}

export function errorEntry(message: string): Record<string, unknown> {
  return { Type: 4, ContentsFormat: 'text', Contents: message };
}

export function failure(command: string, message: string): Record<string, unknown> {
  return errorEntry(`Failed to execute ${command} command.\nError:\n${message}`);
}
