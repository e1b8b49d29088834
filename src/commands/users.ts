// User commands: read (okta-get-user, okta-search) and write (okta-create-user, okta-update-user,
// okta-set-password). Every command sends only what the caller gave: no defaults are invented for Okta.
import type { OktaApi } from '../okta/api';
import { OktaApiError } from '../okta/errors';
import type { CreateUserBody, OktaUser, ProviderType, UpdateUserBody, UserCredentials } from '../okta/types';
import { type ArgSpec, bool, id, int, list, oneOf, secret, text } from '../runtime/args';
import { type Command, defineCommand } from '../runtime/command';
import { errorEntry, noteEntry } from '../runtime/entry';
import { UsageError, funnelMessage } from '../runtime/errors';
import { accountsResult, usersTable, verboseUserMarkdown } from './accounts';
import { collect } from './listing';
import { findUserByLogin, requireUserRef, resolveUser } from './resolve';

/** Okta's 404 (E0000007) as a value, so callers branch on the status and code, never on message text. */
export function isOktaNotFound(error: unknown): boolean {
  return error instanceof OktaApiError && (error.status === 404 || error.errorCode === 'E0000007');
}


// ---- okta-get-user ------------------------------------------------------------------------------------------

/** `userid` is the original integration's spelling; both are accepted, but they must not disagree. */
function requestedUserId(userId: string | undefined, userid: string | undefined): string | undefined {
  if (userId && userid && userId !== userid) {
    throw new UsageError(`"userId" (${userId}) and "userid" (${userid}) name different users; give only one of them.`);
  }
  return userId ?? userid;
}

async function userById(okta: OktaApi, id: string): Promise<OktaUser | undefined> {
  try {
    return await okta.users.get(id);
  } catch (error) {
    if (isOktaNotFound(error)) return undefined;
    throw error;
  }
}

const getUser = defineCommand({
  name: 'okta-get-user',
  args: { username: text(), userid: id(), userId: id(), verbose: bool({ default: 'false' }) },
  async run({ okta }, args) {
    const id = requestedUserId(args.userId, args.userid);
    if (!id && !args.username) throw new UsageError('Either "userId" (or "userid") or "username" is required.');
    // A login always goes through the search: logins with "/" cannot be put in a path.
    const user = id ? await userById(okta, id) : await findUserByLogin(okta, args.username!);
    if (!user) return noteEntry(`User '${id ?? args.username}' was not found in Okta.`);
    const readable = args.verbose ? verboseUserMarkdown(user) : usersTable(`Okta user: ${user.profile.login}`, [user]);
    return accountsResult([user], readable, user);
  },
});

// ---- okta-search --------------------------------------------------------------------------------------------

const getSearch = defineCommand({
  name: 'okta-search',
  // Okta's `q` is not paged and answers at most 200 users: a larger limit would promise what cannot come back.
  args: { term: text({ required: true }), limit: int({ min: 1, max: 200, default: '200' }), verbose: bool({ default: 'false' }) },
  async run({ okta }, args) {
    const users = await collect(okta.users.list({ q: args.term }, { limit: args.limit }));
    if (users.length === 0) return noteEntry(`No users found in Okta matching '${args.term}'.`, []);
    const readable = args.verbose ? users.map(verboseUserMarkdown).join('\n') : usersTable('Okta users found', users);
    return accountsResult(users, readable);
  },
});

// ---- profile and credential arguments (create and update) ---------------------------------------------------

const IDENTITY_ATTRIBUTES = ['firstName', 'lastName', 'email', 'login'] as const;

/** Okta's base profile attributes besides the four identity ones, named as integration.yml names them. */
const PROFILE_ATTRIBUTES = [
  'secondEmail', 'middleName', 'honorificPrefix', 'honorificSuffix', 'title', 'displayName', 'nickName', 'profileUrl',
  'primaryPhone', 'mobilePhone', 'streetAddress', 'city', 'state', 'zipCode', 'countryCode', 'postalAddress',
  'preferredLanguage', 'locale', 'timezone', 'userType', 'employeeNumber', 'costCenter', 'organization', 'division',
  'department', 'managerId', 'manager',
] as const;

const ALL_PROFILE_ATTRIBUTES = [...IDENTITY_ATTRIBUTES, ...PROFILE_ATTRIBUTES] as const;

function optionalTexts<const K extends readonly string[]>(names: K): { [P in K[number]]: ArgSpec<string | undefined> } {
  return Object.fromEntries(names.map((name) => [name, text()])) as { [P in K[number]]: ArgSpec<string | undefined> };
}

const PROVIDER_TYPES = ['OKTA', 'ACTIVE_DIRECTORY', 'LDAP', 'FEDERATION', 'SOCIAL'] as const;

const credentialArgs = {
  password: secret(),
  passwordQuestion: text(),
  passwordAnswer: secret(),
  providerType: oneOf(PROVIDER_TYPES),
  providerName: text(),
};

interface CredentialInput {
  password?: string | undefined;
  passwordQuestion?: string | undefined;
  passwordAnswer?: string | undefined;
}

/** The profile attributes the caller gave, and nothing else: an absent argument never blanks an attribute. */
function givenProfile(args: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (typeof args[name] === 'string' ? [[name, args[name]]] : [])));
}

/** Okta takes a recovery question only with its answer; one without the other is refused before any request. */
function secretCredentials(input: CredentialInput): UserCredentials {
  if (Boolean(input.passwordQuestion) !== Boolean(input.passwordAnswer)) {
    throw new UsageError('"passwordQuestion" and "passwordAnswer" go together: give both or neither.');
  }
  return {
    ...(input.password ? { password: { value: input.password } } : {}),
    ...(input.passwordQuestion ? { recovery_question: { question: input.passwordQuestion, answer: input.passwordAnswer } } : {}),
  };
}

/** FEDERATION and SOCIAL users sign in at an identity provider; Okta creates them with `provider=true`. */
const isExternalProvider = (type: ProviderType | undefined): boolean => type === 'FEDERATION' || type === 'SOCIAL';

function providerCredentials(type: ProviderType | undefined, name: string | undefined, secrets: UserCredentials): UserCredentials {
  if (name && !type) throw new UsageError('"providerName" needs "providerType" (for example providerType=LDAP providerName=corp-ldap).');
  if (isExternalProvider(type) && (secrets.password || secrets.recovery_question)) {
    throw new UsageError(`A ${type} user signs in through an identity provider and cannot have a password or a recovery question; leave out "password", "passwordQuestion" and "passwordAnswer".`);
  }
  return type ? { provider: { type, ...(name ? { name } : {}) } } : {};
}

const nonEmpty = <T extends object>(value: T): T | undefined => (Object.keys(value).length ? value : undefined);

// ---- okta-create-user ---------------------------------------------------------------------------------------

const createUser = defineCommand({
  name: 'okta-create-user',
  args: {
    firstName: text({ required: true }),
    lastName: text({ required: true }),
    email: text({ required: true }),
    login: text({ required: true }),
    ...optionalTexts(PROFILE_ATTRIBUTES),
    ...credentialArgs,
    groupIds: list({ maxItems: 20 }),
    activate: bool({ default: 'false' }),
  },
  async run({ okta }, args) {
    const secrets = secretCredentials(args);
    const credentials = nonEmpty({ ...secrets, ...providerCredentials(args.providerType, args.providerName, secrets) });
    const body: CreateUserBody = {
      profile: { ...givenProfile(args, ALL_PROFILE_ATTRIBUTES), login: args.login },
      ...(credentials ? { credentials } : {}),
      ...(args.groupIds?.length ? { groupIds: args.groupIds } : {}),
    };
    // activate is always explicit: Okta's own default (true) would send activation emails the caller did not ask for.
    const user = await okta.users.create(body, { activate: args.activate, ...(isExternalProvider(args.providerType) ? { provider: true } : {}) });
    return accountsResult([user], usersTable(`Okta user created: ${user.profile.login}`, [user]), user);
  },
});

// ---- okta-update-user ---------------------------------------------------------------------------------------

function changedCredentialNames(credentials: UserCredentials): string[] {
  return [...(credentials.password ? ['password'] : []), ...(credentials.recovery_question ? ['recovery question'] : [])];
}

const updateUser = defineCommand({
  name: 'okta-update-user',
  args: { username: text(), userId: id(), ...optionalTexts(ALL_PROFILE_ATTRIBUTES), ...credentialArgs },
  async run({ okta }, args) {
    if (args.providerType || args.providerName) {
      throw new UsageError('Okta does not change the authentication provider of an existing user (credentials.provider is read-only); "providerType" and "providerName" apply to okta-create-user only.');
    }
    requireUserRef(args);
    const profile = nonEmpty(givenProfile(args, ALL_PROFILE_ATTRIBUTES));
    const credentials = nonEmpty(secretCredentials(args));
    if (!profile && !credentials) {
      throw new UsageError('Nothing to update: give at least one profile attribute, "password", or "passwordQuestion" with "passwordAnswer".');
    }
    const target = await resolveUser(okta, args);
    // POST is Okta's partial update: attributes that are not sent keep their values (PUT would delete them).
    const body: UpdateUserBody = { ...(profile ? { profile } : {}), ...(credentials ? { credentials } : {}) };
    const user = await okta.users.update(target.id, body);
    const changed = [...Object.keys(profile ?? {}), ...changedCredentialNames(credentials ?? {})];
    const readable = `${usersTable(`Okta user updated: ${user.profile.login}`, [user])}\nChanged: ${changed.join(', ')}\n`;
    return accountsResult([user], readable, user);
  },
});

// ---- okta-set-password --------------------------------------------------------------------------------------

const looksLikeUser = (value: Record<string, unknown>): value is OktaUser =>
  typeof value['id'] === 'string' && typeof value['status'] === 'string' && typeof value['profile'] === 'object' && value['profile'] !== null;

const setPassword = defineCommand({
  name: 'okta-set-password',
  args: { username: text(), userId: id(), password: secret({ required: true }), temporary_password: bool({ default: 'false' }) },
  async run({ okta }, args) {
    const target = await resolveUser(okta, args);
    const updated = await okta.users.update(target.id, { credentials: { password: { value: args.password } } });
    const login = updated.profile.login;
    const changed = updated.passwordChanged ? [`The password was changed at ${updated.passwordChanged}.`] : [];
    const result = (user: OktaUser, lines: string[], raw: unknown) =>
      accountsResult([user], `${[`### Okta password set: ${login}`, ...changed, ...lines].join('\n')}\n${usersTable('', [user])}`, raw);
    if (!args.temporary_password) return result(updated, [], updated);
    let expired: Record<string, unknown>;
    try {
      expired = await okta.users.lifecycle(target.id, 'expire_password');
    } catch (error) {
      // The new password is in place; hiding that behind the expiry's error would send the analyst to set it again.
      const reason = error instanceof Error ? error.message : String(error);
      return [
        result(updated, [`The password could NOT be expired (it stays valid): ${login} is ${updated.status}.`], updated),
        errorEntry(funnelMessage('okta-set-password', `The password of ${login} was set, but expiring it failed:\n${reason}`)),
      ];
    }
    // Okta answers with the user (now PASSWORD_EXPIRED); should it ever answer less, the operation still says the status.
    const user = looksLikeUser(expired) ? expired : { ...updated, status: 'PASSWORD_EXPIRED' as const };
    return result(user, [`The password is expired: ${login} must choose a new one at the next sign-in.`], [updated, expired]);
  },
});

export const usersCommands: Command[] = [getUser, getSearch, createUser, updateUser, setPassword];
