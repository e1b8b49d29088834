// Factor commands: list a user's factors, send an Okta Verify push and wait for the answer, remove a factor.
import type { OktaApi } from '../okta/api';
import { OktaTransportError } from '../okta/errors';
import type { FactorTransaction, Links, OktaFactor } from '../okta/types';
import { id, int, text } from '../runtime/args';
import { type Command, type CommandContext, defineCommand } from '../runtime/command';
import { commandResult, noteEntry } from '../runtime/entry';
import { UsageError } from '../runtime/errors';
import { pascalToSpace, tableToMarkdown } from '../runtime/markdown';
import { ACCOUNT_KEY, ACCOUNT_PREFIX } from './accounts';
import { NotFoundError, resolveUser, userLabel } from './resolve';
import { isOktaNotFound } from './users';

/** Whom a factor call is about: a user we found by login, or an id (or login) nobody has checked yet. */
interface FactorOwner {
  label: string;
  verified: boolean;
}

/**
 * Runs an Okta call about one factor, turning Okta's 404 into a not-found message. Okta answers 404 for an unknown
 * user as for an unknown factor, so unless the user was found first the message names both.
 */
async function aboutFactor<T>(factorId: string, owner: FactorOwner, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isOktaNotFound(error)) throw error;
    throw new NotFoundError(
      owner.verified ? `Factor '${factorId}' was not found for user ${owner.label}.` : `Factor '${factorId}' or user '${owner.label}' was not found in Okta.`,
    );
  }
}

// ---- okta-get-user-factors ----------------------------------------------------------------------------------

type FactorContext = {
  ID: string;
  FactorType: string;
  Provider: string;
  Status: string;
  Profile?: Record<string, unknown>;
};

function factorContext(factor: OktaFactor): FactorContext {
  return {
    ID: factor.id,
    FactorType: factor.factorType,
    Provider: factor.provider,
    Status: factor.status,
    ...(factor.profile ? { Profile: factor.profile } : {}),
  };
}

const FACTOR_HEADERS = ['ID', 'FactorType', 'Provider', 'Status', 'Profile'] as const;

const getUserFactors = defineCommand({
  name: 'okta-get-user-factors',
  args: { userId: id(), username: text() },
  async run({ okta }, args) {
    const target = await resolveUser(okta, args);
    const factors = await okta.factors.list(target.id);
    const who = userLabel(target);
    const rows = factors.map(factorContext);
    // An empty list is written too: a factor removed since the last listing must leave the context as well.
    return commandResult({
      prefix: ACCOUNT_PREFIX,
      keyField: ACCOUNT_KEY,
      outputs: { ID: target.id, Factor: rows },
      readable: rows.length
        ? tableToMarkdown(`Factors for user: ${who}`, rows, { headers: FACTOR_HEADERS, headerTransform: pascalToSpace, removeNull: true })
        : `No factors enrolled for user ${who}.`,
      raw: factors,
    });
  },
});

// ---- okta-verify-push-factor --------------------------------------------------------------------------------

const FINAL_RESULTS = new Set(['SUCCESS', 'REJECTED', 'TIMEOUT']);

function hrefOf(links: Links | undefined, rel: string): string | undefined {
  const link = links?.[rel];
  const first = Array.isArray(link) ? link[0] : link;
  return typeof first?.href === 'string' ? first.href : undefined;
}

async function pushFactor(okta: OktaApi, userId: string, factorId: string): Promise<OktaFactor> {
  const factor = await aboutFactor(factorId, { label: userId, verified: false }, () => okta.factors.get(userId, factorId));
  if (factor.factorType !== 'push') {
    throw new Error(`Factor '${factorId}' of user ${userId} is a ${factor.factorType} factor, not push: okta-verify-push-factor sends Okta Verify pushes only.`);
  }
  if (factor.status !== 'ACTIVE') {
    throw new Error(`The push factor '${factorId}' of user ${userId} is ${factor.status}, not ACTIVE: Okta can only send a push to an activated factor.`);
  }
  return factor;
}

/** The user id at the end of the factor's `user` link (…/api/v1/users/{id}), when Okta gives one. */
function userIdFromLinks(links: Links | undefined): string | undefined {
  const href = hrefOf(links, 'user');
  const match = href ? /\/api\/v1\/users\/([^/?#]+)\/?(?:[?#]|$)/.exec(href) : null;
  return match ? decodeURIComponent(match[1]!) : undefined;
}

interface PushOutcome {
  result: string;
  transaction: FactorTransaction;
  cancelNote?: string;
}

/** Our own deadline passed while Okta still waits: cancel the transaction so the push stops being answerable. */
async function cancelWaiting(ctx: CommandContext, transaction: FactorTransaction, cancelHref: string | undefined): Promise<PushOutcome> {
  const href = hrefOf(transaction._links, 'cancel') ?? cancelHref;
  if (!href) return { result: 'TIMEOUT', transaction, cancelNote: 'Okta gave no cancel link, so the push was left to expire on its own.' };
  try {
    await ctx.okta.factors.cancel(href);
    return { result: 'TIMEOUT', transaction };
  } catch (error) {
    ctx.log.debug(`Cancelling the push transaction failed: ${error instanceof Error ? error.message : String(error)}`);
    return { result: 'TIMEOUT', transaction, cancelNote: 'Cancelling the push transaction failed, so it will expire on its own.' };
  }
}

/** Poll failures worth another try at the next interval: the push itself is unaffected by one lost answer. */
const PASSING_POLL_FAILURES = new Set(['timeout', 'reset', 'non-json', 'connection', 'dns']);

/**
 * One poll. A passing failure counts as "still waiting" (the loop tries again until the deadline, then cancels);
 * any other failure cancels the push and says that one was sent, so nobody approves a push the playbook gave up on.
 */
async function pollOnce(ctx: CommandContext, href: string, sent: FactorTransaction, previous: FactorTransaction): Promise<FactorTransaction> {
  try {
    return await ctx.okta.factors.poll(href);
  } catch (error) {
    if (error instanceof OktaTransportError && PASSING_POLL_FAILURES.has(error.kind)) {
      ctx.log.debug(`Polling the push failed (${error.kind}); trying again at the next interval.`);
      return previous;
    }
    const cancelled = await cancelWaiting(ctx, previous, hrefOf(sent._links, 'cancel'));
    const reason = error instanceof Error ? error.message : String(error);
    const state = cancelled.cancelNote
      ? `The push was sent and may still be waiting for the user${sent.expiresAt ? ` until ${sent.expiresAt}` : ''} (${cancelled.cancelNote})`
      : 'The push was sent and has been cancelled';
    throw new Error(`${state}, but its result could not be read:\n${reason}`);
  }
}

/**
 * Polls the transaction's own poll link until a final result or `timeoutMs` of the command's clock have passed.
 * The poll count is bounded as well, so a clock that never advances cannot keep the loop alive.
 */
async function waitForAnswer(ctx: CommandContext, first: FactorTransaction, intervalMs: number, timeoutMs: number): Promise<PushOutcome> {
  const deadline = ctx.now().getTime() + timeoutMs;
  const maxPolls = Math.ceil(timeoutMs / intervalMs) + 1;
  let transaction = first;
  let pollHref = hrefOf(first._links, 'poll');
  const cancelHref = hrefOf(first._links, 'cancel');
  for (let polls = 0; transaction.factorResult === 'WAITING' && polls < maxPolls; polls++) {
    if (!pollHref) throw new Error('Okta did not return a poll link for the push verification.');
    const left = deadline - ctx.now().getTime();
    if (left <= 0) break;
    ctx.progress(`Waiting for the user to answer the push (${Math.ceil(left / 1000)} s left)…`);
    await ctx.sleep(Math.min(intervalMs, left));
    transaction = await pollOnce(ctx, pollHref, first, transaction);
    pollHref = hrefOf(transaction._links, 'poll') ?? pollHref;
  }
  if (transaction.factorResult === 'WAITING') return cancelWaiting(ctx, transaction, cancelHref);
  if (!FINAL_RESULTS.has(transaction.factorResult)) {
    throw new Error(`Okta answered the push verification with an unexpected result: ${transaction.factorResult}.`);
  }
  return { result: transaction.factorResult, transaction };
}

const verifyPushFactor = defineCommand({
  name: 'okta-verify-push-factor',
  args: {
    userId: id({ required: true }),
    factorId: id({ required: true }),
    interval_seconds: int({ min: 1, max: 600, default: '5' }),
    timeout_seconds: int({ min: 1, max: 600, default: '300' }),
  },
  async run(ctx, args) {
    if (args.interval_seconds > args.timeout_seconds) {
      throw new UsageError(`"interval_seconds" (${args.interval_seconds}) must not be longer than "timeout_seconds" (${args.timeout_seconds}).`);
    }
    const factor = await pushFactor(ctx.okta, args.userId, args.factorId);
    // Okta also accepts a login in place of the id; context must still carry the id, or DT would see two accounts.
    const userId = userIdFromLinks(factor._links) ?? args.userId;
    // Okta answers 201 Created with factorResult WAITING: that is the push being on its way, not an error.
    const sent = await aboutFactor(args.factorId, { label: args.userId, verified: true }, () => ctx.okta.factors.verify(args.userId, args.factorId));
    const outcome = await waitForAnswer(ctx, sent, args.interval_seconds * 1000, args.timeout_seconds * 1000);
    const lines = [`Verify push factor result for user ${args.userId}: ${outcome.result}`, ...(outcome.cancelNote ? [outcome.cancelNote] : [])];
    return commandResult({
      prefix: ACCOUNT_PREFIX,
      keyField: ACCOUNT_KEY,
      outputs: { ID: userId, VerifyPushResult: outcome.result },
      readable: `${lines.join('\n')}\n`,
      raw: outcome.transaction,
    });
  },
});

// ---- okta-reset-factor --------------------------------------------------------------------------------------

const resetFactor = defineCommand({
  name: 'okta-reset-factor',
  args: { userId: id(), username: text(), factorId: id({ required: true }) },
  async run({ okta }, args) {
    const target = await resolveUser(okta, args);
    const who = userLabel(target);
    await aboutFactor(args.factorId, { label: who, verified: target.user !== undefined }, () => okta.factors.remove(target.id, args.factorId));
    return noteEntry(`Factor '${args.factorId}' was removed from user ${who}; the user can enroll it again.`);
  },
});

export const factorsCommands: Command[] = [getUserFactors, verifyPushFactor, resetFactor];
