/** Raised for anything the user can fix by changing the command line; no request has been sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The one wording of a failed command, as XSOAR integrations report it. */
export function funnelMessage(command: string, message: string): string {
  return `Failed to execute ${command} command.\nError:\n${message}`;
}
