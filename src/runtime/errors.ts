/** Raised for anything the user can fix by changing the command line; no request has been sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}
