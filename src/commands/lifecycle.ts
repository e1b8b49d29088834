// Lifecycle commands: unlock, deactivate, activate, suspend, unsuspend. Each is one POST to its own
// /lifecycle/<op> endpoint (plus the login search when called by username). The status afterwards follows from
// the operation, so no read is spent on it; a transition Okta refuses is explained from the user's current status.
import type { OktaApi } from '../okta/api';
import { OktaApiError } from '../okta/errors';
import type { LifecycleOperation, OktaUser, UserStatus } from '../okta/types';
import { id, text } from '../runtime/args';
import { type Command, defineCommand } from '../runtime/command';
import { commandResult } from '../runtime/entry';
import { tableToMarkdown } from '../runtime/markdown';
import { ACCOUNT_KEY, ACCOUNT_PREFIX } from './accounts';
import { type ResolvedUser, resolveUser, userLabel } from './resolve';

interface Transition {
  command: string;
  op: LifecycleOperation;
  /** Past participle for the heading: "Okta user unlocked: …". */
  done: string;
  /** What Okta accepts, and the same in words for the refusal message. */
  from: readonly UserStatus[];
  needs: string;
  /** Okta's error codes for "not allowed in the current status" on this endpoint. */
  refusedWith: readonly string[];
  /** The status the operation leads to; undefined when it depends on something we did not read. */
  after(user: OktaUser | undefined): UserStatus | undefined;
}

/** E0000038 is Okta's generic "not allowed in the user's current status". */
const NOT_ALLOWED = 'E0000038';

/**
 * Activation ends in ACTIVE for a STAGED user who already has a password (or signs in at an identity provider), and
 * in PROVISIONED (waiting for the user to finish activation) otherwise; a DEPROVISIONED user always comes back
 * PROVISIONED (Okta's status diagram). Without the user object we cannot tell.
 */
function statusAfterActivation(user: OktaUser | undefined): UserStatus | undefined {
  if (user?.status === 'DEPROVISIONED') return 'PROVISIONED';
  const credentials = user?.credentials;
  if (!credentials) return undefined;
  const provider = credentials.provider?.type;
  if (credentials.password !== undefined || provider === 'FEDERATION' || provider === 'SOCIAL') return 'ACTIVE';
  return 'PROVISIONED';
}

const TRANSITIONS: readonly Transition[] = [
  {
    command: 'okta-unlock-user', op: 'unlock', done: 'unlocked',
    from: ['LOCKED_OUT'], needs: 'a LOCKED_OUT user', refusedWith: ['E0000032', NOT_ALLOWED], after: () => 'ACTIVE',
  },
  {
    command: 'okta-deactivate-user', op: 'deactivate', done: 'deactivated',
    from: ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'SUSPENDED'],
    needs: 'a user who is not DEPROVISIONED yet', refusedWith: [NOT_ALLOWED], after: () => 'DEPROVISIONED',
  },
  {
    command: 'okta-activate-user', op: 'activate', done: 'activated',
    from: ['STAGED', 'DEPROVISIONED'], needs: 'a STAGED or DEPROVISIONED user', refusedWith: ['E0000016', NOT_ALLOWED],
    after: statusAfterActivation,
  },
  {
    command: 'okta-suspend-user', op: 'suspend', done: 'suspended',
    from: ['ACTIVE'], needs: 'an ACTIVE user', refusedWith: ['E0000001', NOT_ALLOWED], after: () => 'SUSPENDED',
  },
  {
    command: 'okta-unsuspend-user', op: 'unsuspend', done: 'unsuspended',
    from: ['SUSPENDED'], needs: 'a SUSPENDED user', refusedWith: ['E0000001', NOT_ALLOWED], after: () => 'ACTIVE',
  },
];

/** The user as Okta has it now, for the refusal message; a failed read only makes the message less specific. */
async function currentUser(okta: OktaApi, target: ResolvedUser): Promise<OktaUser | undefined> {
  if (target.user) return target.user;
  try {
    return await okta.users.get(target.id);
  } catch {
    return undefined;
  }
}

async function refusal(okta: OktaApi, transition: Transition, target: ResolvedUser, error: OktaApiError): Promise<Error> {
  const user = await currentUser(okta, target);
  const who = user?.profile.login ?? target.id;
  const status = user?.status;
  const reason = status && !transition.from.includes(status)
    ? `${transition.command} needs ${transition.needs}; ${who} is ${status}.`
    : `Okta refused to ${transition.op} ${who}${status ? ` (status ${status})` : ''}.`;
  return new Error(`${reason}\n${error.message}`);
}

function lifecycleCommand(transition: Transition): Command {
  return defineCommand({
    name: transition.command,
    args: { username: text(), userId: id() },
    async run({ okta }, args) {
      const target = await resolveUser(okta, args);
      let response: Record<string, unknown>;
      try {
        response = await okta.users.lifecycle(target.id, transition.op);
      } catch (error) {
        // Never retried: the POST may have changed something, and repeating it blindly would hide that.
        if (error instanceof OktaApiError && error.errorCode !== undefined && transition.refusedWith.includes(error.errorCode)) {
          throw await refusal(okta, transition, target, error);
        }
        throw error;
      }
      const status = transition.after(target.user);
      const account = {
        ID: target.id,
        ...(target.user ? { Username: target.user.profile.login } : {}),
        ...(status ? { Status: status } : {}),
        Type: 'Okta',
      };
      const pending = status
        ? []
        : ['Okta is activating the user: the status becomes ACTIVE if the user has a password, otherwise PROVISIONED until the user completes activation.\n'];
      const readable = [tableToMarkdown(`Okta user ${transition.done}: ${userLabel(target)}`, account, { headers: ['ID', 'Username', 'Status'], removeNull: true }), ...pending].join('\n');
      return commandResult({ prefix: ACCOUNT_PREFIX, keyField: ACCOUNT_KEY, outputs: account, readable, raw: response });
    },
  });
}

export const lifecycleCommands: Command[] = TRANSITIONS.map(lifecycleCommand);
