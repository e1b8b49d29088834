// Every mutation made through the API appends a System Log event: actor = the token owner, client = the caller.
import type { FastifyRequest } from 'fastify';
import { buildEvent, MUTATION_EVENTS, userActor } from './events.js';
import { info, type RouteContext } from './http.js';
import type { UserRecord } from './store.js';

export type Target = { id: string; type: string; alternateId: string | null; displayName: string | null };

export function recordMutation(
  ctx: RouteContext,
  req: FastifyRequest,
  action: keyof typeof MUTATION_EVENTS,
  targets: Target[],
  outcome: { result: string; reason: string | null } = { result: 'SUCCESS', reason: null },
): void {
  const kind = MUTATION_EVENTS[action];
  if (!kind) return;
  const { store } = ctx;
  const admin = store.users.get(store.adminId);
  const actor = admin ? userActor(admin) : { id: 'unknown', type: 'PublicClientApp', alternateId: 'unknown', displayName: 'unknown' };
  const ua = req.headers['user-agent'];
  const url = req.raw.url ?? req.url;
  const event = buildEvent(store.ids, {
    eventType: kind.eventType,
    displayMessage: kind.displayMessage,
    legacyEventType: kind.legacyEventType,
    published: store.nowIso(),
    actor,
    client: { userAgent: typeof ua === 'string' ? ua : null, ip: '127.0.0.1', geo: null, device: 'Unknown' },
    outcome,
    targets,
    requestId: info(req).requestId,
    requestUri: url.split('?')[0] ?? url,
  });
  store.appendEvent(event);
}

export function targetOf(u: UserRecord): Target {
  return userActor(u);
}
