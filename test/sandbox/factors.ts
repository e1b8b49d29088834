// /api/v1/users/{id}/factors: list, get, enroll, verify (push transactions with scripted outcomes), delete.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordMutation, targetOf } from './audit.js';
import { notFound, oktaError, statusNotAllowed, validationFailed } from './errors.js';
import { info, paramOf, type RouteContext } from './http.js';
import { DEMO_PASSCODE } from './seed.js';
import { iso, serializeFactor, type FactorRecord, type PushTransaction, type UserRecord } from './store.js';
import { userFromPath } from './users.js';

/** No source states Okta's push lifetime; five minutes is the common observation. */
export const PUSH_LIFETIME_MS = 300_000;

function factorFromPath(ctx: RouteContext, req: FastifyRequest): { user: UserRecord; factor: FactorRecord } {
  const user = userFromPath(ctx, req);
  const fid = paramOf(req, 'fid');
  const factor = ctx.store.factorsOf(user.id).find((f) => f.id === fid);
  if (!factor) throw notFound(fid, 'UserFactor');
  return { user, factor };
}

function factorUrl(origin: string, f: FactorRecord): string {
  return `${origin}/api/v1/users/${f.userId}/factors/${f.id}`;
}

function credentialId(user: UserRecord): string {
  return user.profile.login;
}

const OTP_TYPES = new Set(['token:software:totp', 'token', 'token:hotp', 'token:hardware']);
const CHALLENGE_TYPES = new Set(['sms', 'call', 'email']);

function checkUserCanVerify(user: UserRecord): void {
  if (user.status === 'LOCKED_OUT') throw oktaError(403, 'E0000069', 'User Locked');
  if (user.status === 'SUSPENDED' || user.status === 'DEPROVISIONED') throw statusNotAllowed();
}

function wrongPasscode(kind: 'passcode' | 'answer'): Error {
  return oktaError(403, 'E0000068', 'Invalid Passcode/Answer', [`Your ${kind} doesn't match our records. Please try again.`]);
}

function verify(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply): unknown {
  const { user, factor } = factorFromPath(ctx, req);
  checkUserCanVerify(user);
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (factor.factorType === 'push') {
    reply.code(201);
    return startPush(ctx, req, user, factor, body.useNumberMatchingChallenge === true);
  }
  if (OTP_TYPES.has(factor.factorType)) {
    if (typeof body.passCode !== 'string' || body.passCode === '') throw validationFailed('passCode', ['passCode: The field cannot be left blank']);
    if (body.passCode !== factor.secret) throw wrongPasscode('passcode');
    return { factorResult: 'SUCCESS' };
  }
  if (CHALLENGE_TYPES.has(factor.factorType)) {
    if (typeof body.passCode !== 'string' || body.passCode === '') {
      factor.challenged = true;
      const url = factorUrl(ctx.origin, factor);
      return {
        factorResult: 'CHALLENGE',
        profile: { ...factor.profile },
        _links: {
          verify: { href: `${url}/verify`, hints: { allow: ['POST'] } },
          factor: { href: url, hints: { allow: ['GET', 'DELETE'] } },
        },
      };
    }
    if (body.passCode !== factor.secret) throw wrongPasscode('passcode');
    factor.challenged = false;
    return { factorResult: 'SUCCESS' };
  }
  if (factor.factorType === 'question') {
    if (typeof body.answer !== 'string' || body.answer.trim().toLowerCase() !== String(factor.secret).toLowerCase()) throw wrongPasscode('answer');
    return { factorResult: 'SUCCESS' };
  }
  throw oktaError(501, 'E0000060', 'Unsupported operation.');
}

function startPush(ctx: RouteContext, req: FastifyRequest, user: UserRecord, factor: FactorRecord, numberMatching: boolean): unknown {
  const { store } = ctx;
  const tx: PushTransaction = {
    id: 'v2mst.' + store.ids.alnum(22),
    userId: user.id,
    factorId: factor.id,
    expiresAtMs: store.nowMs() + PUSH_LIFETIME_MS,
    polls: 0,
    outcome: factor.pushOutcome,
    afterPolls: factor.afterPolls,
    cancelled: false,
    ...(info(req).fault === 'foreign-poll' ? { foreignOrigin: ctx.foreignOrigin } : {}),
  };
  store.transactions.set(tx.id, tx);
  recordMutation(ctx, req, 'push_sent', [targetOf(user)]);
  const out = waitingBody(ctx, user, tx);
  if (numberMatching) out._embedded = { challenge: { correctAnswer: 10 + store.ids.int(90) } };
  return out;
}

function waitingBody(ctx: RouteContext, user: UserRecord, tx: PushTransaction): Record<string, unknown> {
  const origin = tx.foreignOrigin ?? ctx.origin;
  const href = `${origin}/api/v1/users/${tx.userId}/factors/${tx.factorId}/transactions/${tx.id}`;
  return {
    expiresAt: iso(tx.expiresAtMs),
    factorResult: 'WAITING',
    profile: { credentialId: credentialId(user) },
    _links: {
      poll: { href, hints: { allow: ['GET'] } },
      cancel: { href, hints: { allow: ['DELETE'] } },
    },
  };
}

function pollPush(ctx: RouteContext, req: FastifyRequest): unknown {
  const { user, factor } = factorFromPath(ctx, req);
  const txId = paramOf(req, 'tx');
  const tx = ctx.store.transactions.get(txId);
  if (!tx || tx.factorId !== factor.id || tx.cancelled) throw notFound(txId, 'Transaction');
  tx.polls++;
  const expired = ctx.store.nowMs() > tx.expiresAtMs;
  let result = tx.outcome;
  if (expired) result = 'TIMEOUT';
  else if (tx.outcome === 'WAITING' || tx.polls <= tx.afterPolls) result = 'WAITING';
  if (result === 'WAITING') return waitingBody(ctx, user, tx);
  if (result === 'SUCCESS') return { factorResult: 'SUCCESS' };
  const url = factorUrl(ctx.origin, factor);
  return {
    factorResult: result,
    profile: { credentialId: credentialId(user) },
    _links: {
      verify: { href: `${url}/verify`, hints: { allow: ['POST'] } },
      factor: { href: url, hints: { allow: ['GET', 'DELETE'] } },
    },
  };
}

const ENROLLABLE: Record<string, { provider: string; active: boolean }> = {
  sms: { provider: 'OKTA', active: false },
  call: { provider: 'OKTA', active: false },
  email: { provider: 'OKTA', active: false },
  'token:software:totp': { provider: 'OKTA', active: false },
  question: { provider: 'OKTA', active: true },
  push: { provider: 'OKTA', active: false },
};

function enroll(ctx: RouteContext, req: FastifyRequest): unknown {
  const user = userFromPath(ctx, req);
  if (user.status === 'DEPROVISIONED') throw statusNotAllowed();
  const body = (req.body ?? {}) as Record<string, unknown>;
  const type = typeof body.factorType === 'string' ? body.factorType : '';
  const spec = ENROLLABLE[type];
  if (!spec) throw validationFailed('factorEnrollRequest', [`factorType: Unsupported factor type '${type}'`]);
  const profile = (body.profile ?? {}) as Record<string, unknown>;
  if ((type === 'sms' || type === 'call') && (typeof profile.phoneNumber !== 'string' || !/^\+?[1-9][0-9 ()-]{6,20}$/.test(profile.phoneNumber))) {
    throw validationFailed('factorEnrollRequest', ['phoneNumber: Invalid Phone Number.']);
  }
  const now = ctx.store.nowIso();
  const storedProfile: Record<string, unknown> = { ...profile };
  let secret: string | undefined;
  if (type === 'question') {
    secret = typeof profile.answer === 'string' ? profile.answer : '';
    delete storedProfile.answer;
  } else if (type !== 'push') {
    secret = DEMO_PASSCODE;
  }
  const factor = ctx.store.addFactor({
    userId: user.id,
    factorType: type,
    provider: typeof body.provider === 'string' ? body.provider : spec.provider,
    vendorName: typeof body.provider === 'string' ? body.provider : spec.provider,
    status: spec.active ? 'ACTIVE' : 'PENDING_ACTIVATION',
    created: now,
    lastUpdated: now,
    profile: storedProfile,
    pushOutcome: 'SUCCESS',
    afterPolls: 1,
    ...(secret !== undefined ? { secret } : {}),
  });
  recordMutation(ctx, req, 'factor_enroll', [targetOf(user)]);
  return serializeFactor(factor, ctx.origin);
}

export function registerFactorRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/users/:id/factors', async (req) => {
    const user = userFromPath(ctx, req);
    return ctx.store.factorsOf(user.id).map((f) => serializeFactor(f, ctx.origin));
  });
  app.post('/api/v1/users/:id/factors', async (req) => enroll(ctx, req));
  app.get('/api/v1/users/:id/factors/:fid', async (req) => serializeFactor(factorFromPath(ctx, req).factor, ctx.origin));
  app.delete('/api/v1/users/:id/factors/:fid', async (req, reply) => {
    const { user, factor } = factorFromPath(ctx, req);
    if (user.status === 'DEPROVISIONED') throw statusNotAllowed();
    ctx.store.removeFactor(factor);
    recordMutation(ctx, req, 'factor_deactivate', [targetOf(user)]);
    return reply.code(204).send();
  });
  app.post('/api/v1/users/:id/factors/:fid/verify', async (req, reply) => verify(ctx, req, reply));
  app.get('/api/v1/users/:id/factors/:fid/transactions/:tx', async (req) => pollPush(ctx, req));
  app.delete('/api/v1/users/:id/factors/:fid/transactions/:tx', async (req, reply) => {
    factorFromPath(ctx, req);
    const tx = ctx.store.transactions.get(paramOf(req, 'tx'));
    if (!tx || tx.cancelled) throw notFound(paramOf(req, 'tx'), 'Transaction');
    tx.cancelled = true;
    return reply.code(204).send();
  });
}
