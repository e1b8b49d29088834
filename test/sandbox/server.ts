// The Okta sandbox: a stateful, Okta-faithful Management API on loopback for the demo, the e2e tests and the
// benchmarks. `startSandbox()` listens on 127.0.0.1 only (ephemeral port by default), optionally over HTTPS with a
// certificate generated at start, and exposes test controls both programmatically and under /__sandbox/.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { LogEvent, OktaFactor, OktaGroup, OktaUser } from '../../src/okta/types.js';
import { errorBody, oktaError, rateLimited, SandboxHttpError } from './errors.js';
import { registerFactorRoutes } from './factors.js';
import { registerGroupRoutes } from './groups.js';
import { info, setInfo, type FaultKind, type RouteContext } from './http.js';
import { bucketOf, Faults, RateLimits, type FaultSpec } from './limits.js';
import { registerLogRoutes } from './logs.js';
import { seedStore, type SeedOptions } from './seed.js';
import { serializeFactor, serializeGroup, serializeUser, Store, type PushOutcome } from './store.js';
import { registerUserRoutes } from './users.js';

export interface SandboxOptions {
  /** 0 = ephemeral (default) */
  port?: number;
  https?: boolean;
  seed?: 'demo' | 'empty';
  /** extra generated users */
  users?: number;
  /** extra generated log events */
  events?: number;
  token?: string;
  /** injectable clock */
  now?: () => Date;
}

export interface RecordedRequest {
  method: string;
  /** pathname only */
  path: string;
  query: Record<string, string>;
  status: number;
  body?: unknown;
  /** epoch ms */
  at: number;
}

export interface SandboxControls {
  reset(opts?: { seed?: 'demo' | 'empty'; users?: number; events?: number }): void;
  /** every /api/v1 and /oauth2 request, in order (not the /__sandbox ones) */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** the next `count` matching requests get the fault */
  fault(spec: FaultSpec): void;
  clearFaults(): void;
  rateLimit(bucket: string, limit: number, windowSeconds?: number): void;
  pushOutcome(factorId: string, outcome: PushOutcome, afterPolls?: number): void;
  state: {
    users(): OktaUser[];
    groups(): OktaGroup[];
    events(): LogEvent[];
    userByLogin(login: string): OktaUser | undefined;
    groupByName(name: string): OktaGroup[];
    factorsOf(userId: string): OktaFactor[];
  };
  /** how many 429s the sandbox has answered (for the benchmarks) */
  stats(): { sent429: number };
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234, no trailing slash */
  url: string;
  token: string;
  /** PEM of the self-signed cert when https */
  ca?: string;
  controls: SandboxControls;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'sandbox-token-0123456789abcdef';
export const LOOPBACK_HOST = '127.0.0.1';

export type { FaultSpec, PushOutcome };

interface Tls {
  key: string;
  cert: string;
}

async function selfSignedCertificate(): Promise<Tls> {
  const selfsigned = await import('selfsigned');
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function buildApp(tls: Tls | undefined): FastifyInstance {
  const common = { logger: false, forceCloseConnections: true, routerOptions: { maxParamLength: 2000 }, bodyLimit: 1_048_576 } as const;
  // The https variant has a different server type parameter; route code only needs the common surface.
  return (tls ? Fastify({ ...common, https: tls }) : Fastify(common)) as unknown as FastifyInstance;
}

function pathnameOf(rawUrl: string | undefined): string {
  return (rawUrl ?? '/').split('?')[0] ?? '/';
}

const PROXY_ERROR_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`;

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const token = opts.token ?? DEFAULT_TOKEN;
  const clock = opts.now ?? (() => new Date());
  const tls = opts.https ? await selfSignedCertificate() : undefined;
  const app = buildApp(tls);

  let store = new Store(clock);
  const seedDefaults: SeedOptions = { seed: opts.seed ?? 'demo', users: opts.users ?? 0, events: opts.events ?? 0 };
  seedStore(store, seedDefaults);
  const limits = new RateLimits();
  const faults = new Faults();
  let log: RecordedRequest[] = [];
  let sent429 = 0;
  const stalls = new Set<{ timer: NodeJS.Timeout }>();

  // The origin is known only after listen(); route modules read it through this object.
  const ctx: RouteContext = {
    get store() {
      return store;
    },
    origin: '',
    foreignOrigin: '',
  };

  const routePatterns: RegExp[] = [];
  app.addHook('onRoute', (route) => {
    routePatterns.push(new RegExp('^' + route.url.replace(/:[^/]+/g, '[^/]+') + '/?$'));
  });

  installBodyParsers(app);

  const authorized = (req: FastifyRequest): boolean => req.headers.authorization === `SSWS ${token}`;
  const isApiPath = (path: string): boolean => path.startsWith('/api/') || path.startsWith('/oauth2/');

  const setBucketHeaders = (reply: FastifyReply, limit: number, remaining: number, resetInMs: number): void => {
    reply.header('X-Rate-Limit-Limit', String(limit));
    reply.header('X-Rate-Limit-Remaining', String(remaining));
    reply.header('X-Rate-Limit-Reset', String(Math.ceil((clock().getTime() + resetInMs) / 1000)));
  };

  const stall = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = { timer: setTimeout(() => { stalls.delete(entry); resolve(); }, ms) };
      stalls.add(entry);
    });

  app.addHook('onRequest', async (req, reply) => {
    const requestId = randomBytes(18).toString('base64url');
    setInfo(req, { requestId });
    record(req);
    reply.header('Date', clock().toUTCString());
    reply.header('X-Okta-Request-Id', requestId);
    reply.header('Content-Type', 'application/json');
    const path = pathnameOf(req.raw.url);

    if (path.startsWith('/__sandbox')) {
      const b = limits.take('other', false);
      setBucketHeaders(reply, b.limit, b.remaining, b.resetInMs);
      if (!authorized(req)) return reply.code(401).send(errorBody('E0000011', 'Invalid token provided'));
      return;
    }
    const bucket = bucketOf(req.method, path);
    if (!isApiPath(path)) {
      const b = limits.take(bucket, false);
      setBucketHeaders(reply, b.limit, b.remaining, b.resetInMs);
      return;
    }
    // Okta rejects a body-carrying method with neither Content-Length nor chunked encoding.
    const needsLength = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
    if (needsLength && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      const b = limits.take(bucket, false);
      setBucketHeaders(reply, b.limit, b.remaining, b.resetInMs);
      return reply.code(411).send(errorBody('E0000002', 'The request was not valid: Length Required'));
    }
    const b = limits.take(bucket);
    setBucketHeaders(reply, b.limit, b.remaining, b.resetInMs);
    if (!b.allowed) {
      sent429++;
      return reply.code(429).send(rateLimited());
    }
    if (!authorized(req)) return reply.code(401).send(errorBody('E0000011', 'Invalid token provided'));

    const fault = faults.take(req.method, path);
    if (!fault) return;
    info(req).fault = fault.kind;
    return applyFault(req, reply, fault.kind, fault.stallMs, bucket);
  });

  const applyFault = async (req: FastifyRequest, reply: FastifyReply, kind: FaultKind, stallMs: number, bucket: string): Promise<unknown> => {
    switch (kind) {
      case '500':
        return reply.code(500).send(errorBody('E0000009', 'Internal Server Error'));
      case '503':
        return reply.code(503).send(errorBody('E0000010', 'Service is in read only mode'));
      case '429':
        sent429++;
        setBucketHeaders(reply, limits.limitOf(bucket), 0, 1000 + Math.floor(Math.random() * 1000));
        return reply.code(429).send(rateLimited());
      case 'html':
        reply.header('Content-Type', 'text/html');
        return reply.code(502).send(PROXY_ERROR_PAGE);
      case 'reset':
        reply.hijack();
        req.raw.socket.destroy();
        return reply;
      case 'stall':
        await stall(stallMs);
        return undefined;
      default:
        // truncated / link-loop / foreign-*: the request runs normally and the handler or onSend alters it
        return undefined;
    }
  };

  app.addHook('onSend', async (req, reply, payload) => {
    if (info(req).fault !== 'truncated' || reply.statusCode === 204) return payload;
    reply.code(200);
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    return text.slice(0, Math.floor(text.length / 2));
  });

  // Logged on arrival (so a stalled or abandoned request is counted), completed when the answer is sent.
  const record = (req: FastifyRequest): void => {
    const path = pathnameOf(req.raw.url);
    if (!isApiPath(path)) return;
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams((req.raw.url ?? '').split('?')[1] ?? '')) if (!(k in query)) query[k] = v;
    const entry: RecordedRequest = { method: req.method, path, query, status: 0, at: Date.now() };
    log.push(entry);
    info(req).logEntry = entry;
  };

  app.addHook('preHandler', async (req) => {
    const entry = info(req).logEntry;
    if (entry && req.body !== undefined) entry.body = req.body;
  });

  app.addHook('onResponse', async (req, reply) => {
    const entry = info(req).logEntry;
    if (entry && info(req).fault !== 'reset') entry.status = reply.statusCode;
  });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof SandboxHttpError) return reply.code(err.status).send(err.body);
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('E0000001', 'Api validation failed: request body too large'));
    if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return reply.code(400).send(errorBody('E0000003', 'The request body was not well-formed.'));
    return reply.code(500).send(errorBody('E0000009', 'Internal Server Error'));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = pathnameOf(req.raw.url);
    if (routePatterns.some((re) => re.test(path))) {
      return reply.code(405).send(errorBody('E0000022', 'The endpoint does not support the provided HTTP method'));
    }
    return reply.code(404).send(errorBody('E0000008', 'The requested path was not found'));
  });

  registerUserRoutes(app, ctx);
  registerFactorRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  registerLogRoutes(app, ctx);

  const controls: SandboxControls = {
    reset(o = {}) {
      store = new Store(clock);
      seedStore(store, { seed: o.seed ?? seedDefaults.seed, users: o.users ?? 0, events: o.events ?? 0 });
      faults.clear();
      limits.reset();
      log = [];
      sent429 = 0;
    },
    requests: () => log.map((r) => ({ ...r, query: { ...r.query } })),
    clearRequests() {
      log = [];
    },
    fault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    rateLimit: (bucket, limit, windowSeconds) => limits.set(bucket, limit, windowSeconds ?? 60),
    pushOutcome(factorId, outcome, afterPolls = 1) {
      for (const list of store.factors.values()) {
        for (const f of list) {
          if (f.id !== factorId) continue;
          f.pushOutcome = outcome;
          f.afterPolls = afterPolls;
        }
      }
      for (const tx of store.transactions.values()) {
        if (tx.factorId === factorId && !tx.cancelled) {
          tx.outcome = outcome;
          tx.afterPolls = tx.polls + afterPolls;
        }
      }
    },
    state: {
      users: () => store.userList.map((u) => serializeUser(u, ctx.origin, 'single')),
      groups: () => store.groupList.map((g) => serializeGroup(g, ctx.origin)),
      events: () => store.events.map((e) => e.event),
      userByLogin(login) {
        const u = store.userByLogin(login);
        return u ? serializeUser(u, ctx.origin, 'single') : undefined;
      },
      groupByName: (name) => store.groupList.filter((g) => g.profile.name === name).map((g) => serializeGroup(g, ctx.origin)),
      factorsOf: (userId) => store.factorsOf(userId).map((f) => serializeFactor(f, ctx.origin)),
    },
    stats: () => ({ sent429 }),
  };

  registerControlRoutes(app, controls);

  await app.listen({ host: LOOPBACK_HOST, port: opts.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const scheme = tls ? 'https' : 'http';
  let closing: Promise<void> | undefined;
  ctx.origin = `${scheme}://${LOOPBACK_HOST}:${port}`;
  // Another loopback address: a client that follows it gets a refused connection, never real network traffic.
  ctx.foreignOrigin = `${scheme}://127.0.0.2:${port}`;

  return {
    url: ctx.origin,
    token,
    ...(tls ? { ca: tls.cert } : {}),
    controls,
    close() {
      // Stalled requests are dropped, not answered: their sockets close with the server. A second close() waits
      // for the first.
      closing ??= (async () => {
        for (const s of stalls) clearTimeout(s.timer);
        stalls.clear();
        await app.close();
      })();
      return closing;
    },
  };
}

/** JSON everywhere, an empty body allowed (clients send Content-Length: 0), malformed JSON → E0000003. */
function installBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parseJson = (body: string): unknown => {
    if (body.trim() === '') return undefined;
    try {
      return JSON.parse(body);
    } catch {
      throw oktaError(400, 'E0000003', 'The request body was not well-formed.');
    }
  };
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJson(String(body)));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

function registerControlRoutes(app: FastifyInstance, controls: SandboxControls): void {
  const obj = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined);
  app.post('/__sandbox/reset', async (req) => {
    const b = obj(req.body);
    const seed = b.seed === 'empty' || b.seed === 'demo' ? b.seed : undefined;
    const users = num(b.users);
    const events = num(b.events);
    controls.reset({ ...(seed ? { seed } : {}), ...(users !== undefined ? { users } : {}), ...(events !== undefined ? { events } : {}) });
    return { ok: true };
  });
  app.get('/__sandbox/requests', async () => controls.requests());
  app.delete('/__sandbox/requests', async (_req, reply) => {
    controls.clearRequests();
    return reply.code(204).send();
  });
  app.post('/__sandbox/faults', async (req, reply) => {
    const b = obj(req.body);
    try {
      const count = num(b.count);
      const stallMs = num(b.stallMs);
      controls.fault({
        path: String(b.path ?? ''),
        kind: b.kind as FaultKind,
        ...(typeof b.method === 'string' ? { method: b.method } : {}),
        ...(count !== undefined ? { count } : {}),
        ...(stallMs !== undefined ? { stallMs } : {}),
      });
    } catch (e) {
      return reply.code(400).send(errorBody('E0000001', `Api validation failed: fault`, [(e as Error).message]));
    }
    return { ok: true };
  });
  app.delete('/__sandbox/faults', async (_req, reply) => {
    controls.clearFaults();
    return reply.code(204).send();
  });
  app.post('/__sandbox/rate-limits', async (req, reply) => {
    const b = obj(req.body);
    const limit = num(b.limit);
    if (typeof b.bucket !== 'string' || limit === undefined || Number.isNaN(limit)) {
      return reply.code(400).send(errorBody('E0000001', 'Api validation failed: rate-limits', ['bucket and limit are required']));
    }
    controls.rateLimit(b.bucket, limit, num(b.windowSeconds));
    return { ok: true };
  });
  app.post('/__sandbox/push-outcome', async (req, reply) => {
    const b = obj(req.body);
    const outcomes = ['SUCCESS', 'REJECTED', 'TIMEOUT', 'WAITING'];
    if (typeof b.factorId !== 'string' || typeof b.outcome !== 'string' || !outcomes.includes(b.outcome)) {
      return reply.code(400).send(errorBody('E0000001', 'Api validation failed: push-outcome', ['factorId and outcome (SUCCESS|REJECTED|TIMEOUT|WAITING) are required']));
    }
    controls.pushOutcome(b.factorId, b.outcome as PushOutcome, num(b.afterPolls));
    return { ok: true };
  });
  app.get('/__sandbox/stats', async () => controls.stats());
}
