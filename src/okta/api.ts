// The endpoint layer the commands call: every URL of the integration is built here and nowhere else.
import type { OktaClient, QueryValue } from './client';
import { path } from './escape';
import type {
  CreateUserBody,
  FactorTransaction,
  LifecycleOperation,
  LogEvent,
  OktaFactor,
  OktaGroup,
  OktaUser,
  UpdateUserBody,
} from './types';

export interface OktaApi {
  users: {
    me(): Promise<OktaUser>;
    get(id: string): Promise<OktaUser>;
    search(expression: string, opts?: { limit?: number }): AsyncGenerator<OktaUser>;
    list(query: { q?: string; filter?: string }, opts?: { limit?: number }): AsyncGenerator<OktaUser>;
    create(
      body: CreateUserBody,
      query: { activate: boolean; provider?: boolean; nextLogin?: 'changePassword' },
    ): Promise<OktaUser>;
    update(id: string, body: UpdateUserBody): Promise<OktaUser>;
    lifecycle(id: string, op: LifecycleOperation, query?: Record<string, string | boolean>): Promise<Record<string, unknown>>;
  };
  factors: {
    list(userId: string): Promise<OktaFactor[]>;
    get(userId: string, factorId: string): Promise<OktaFactor>;
    verify(userId: string, factorId: string, body?: Record<string, unknown>): Promise<FactorTransaction>;
    poll(href: string): Promise<FactorTransaction>;
    cancel(href: string): Promise<void>;
    remove(userId: string, factorId: string): Promise<void>;
  };
  groups: {
    list(query: { q?: string; filter?: string; search?: string }, opts?: { limit?: number }): AsyncGenerator<OktaGroup>;
    get(groupId: string): Promise<OktaGroup>;
    members(groupId: string, opts?: { limit?: number }): AsyncGenerator<OktaUser>;
    ofUser(userId: string): AsyncGenerator<OktaGroup>;
    addUser(groupId: string, userId: string): Promise<void>;
    removeUser(groupId: string, userId: string): Promise<void>;
  };
  logs: {
    list(
      query: { since?: string; until?: string; filter?: string; q?: string; sortOrder?: 'ASCENDING' | 'DESCENDING' },
      opts?: { limit?: number },
    ): AsyncGenerator<LogEvent>;
  };
}

/** Largest page each list endpoint serves (Okta recommends ≤ 200 for groups; members and logs allow 1000). */
export const PAGE_MAX = { users: 200, groups: 200, groupMembers: 1000, logs: 1000 } as const;

export function oktaApi(client: OktaClient): OktaApi {
  const get = async <T>(p: Parameters<OktaClient['request']>[0]['path'], query?: Record<string, QueryValue>): Promise<T> =>
    (await client.request<T>({ method: 'GET', path: p, query })).data;
  const send = async <T>(
    method: 'POST' | 'PUT' | 'DELETE',
    p: Parameters<OktaClient['request']>[0]['path'],
    body?: unknown,
    query?: Record<string, QueryValue>,
  ): Promise<T> => (await client.request<T>({ method, path: p, body, query })).data;

  return {
    users: {
      me: () => get<OktaUser>(path`/api/v1/users/me`),
      get: (id) => get<OktaUser>(path`/api/v1/users/${id}`),
      search: (expression, opts = {}) =>
        client.paginate<OktaUser>({ path: path`/api/v1/users`, query: { search: expression } }, { ...opts, pageMax: PAGE_MAX.users }),
      list: (query, opts = {}) =>
        client.paginate<OktaUser>({ path: path`/api/v1/users`, query }, { ...opts, pageMax: PAGE_MAX.users }),
      create: (body, query) => send<OktaUser>('POST', path`/api/v1/users`, body, query),
      update: (id, body) => send<OktaUser>('POST', path`/api/v1/users/${id}`, body),
      lifecycle: async (id, op, query) =>
        (await send<Record<string, unknown> | undefined>('POST', path`/api/v1/users/${id}/lifecycle/${op}`, undefined, query)) ?? {},
    },
    factors: {
      list: async (userId) => (await get<OktaFactor[] | undefined>(path`/api/v1/users/${userId}/factors`)) ?? [],
      get: (userId, factorId) => get<OktaFactor>(path`/api/v1/users/${userId}/factors/${factorId}`),
      verify: (userId, factorId, body) =>
        send<FactorTransaction>('POST', path`/api/v1/users/${userId}/factors/${factorId}/verify`, body),
      poll: async (href) => (await client.follow<FactorTransaction>('GET', href)).data,
      cancel: async (href) => {
        await client.follow<unknown>('DELETE', href);
      },
      remove: async (userId, factorId) => {
        await send<unknown>('DELETE', path`/api/v1/users/${userId}/factors/${factorId}`);
      },
    },
    groups: {
      list: (query, opts = {}) =>
        client.paginate<OktaGroup>({ path: path`/api/v1/groups`, query }, { ...opts, pageMax: PAGE_MAX.groups }),
      get: (groupId) => get<OktaGroup>(path`/api/v1/groups/${groupId}`),
      members: (groupId, opts = {}) =>
        client.paginate<OktaUser>({ path: path`/api/v1/groups/${groupId}/users` }, { ...opts, pageMax: PAGE_MAX.groupMembers }),
      // The endpoint takes no limit parameter; it may still page with next links.
      ofUser: (userId) =>
        client.paginate<OktaGroup>({ path: path`/api/v1/users/${userId}/groups` }, { pageMax: PAGE_MAX.groups, sendLimit: false }),
      addUser: async (groupId, userId) => {
        await send<unknown>('PUT', path`/api/v1/groups/${groupId}/users/${userId}`);
      },
      removeUser: async (groupId, userId) => {
        await send<unknown>('DELETE', path`/api/v1/groups/${groupId}/users/${userId}`);
      },
    },
    logs: {
      // Polling queries always carry a next link; paginate stops at the first empty page.
      list: (query, opts = {}) =>
        client.paginate<LogEvent>({ path: path`/api/v1/logs`, query }, { ...opts, pageMax: PAGE_MAX.logs }),
    },
  };
}
