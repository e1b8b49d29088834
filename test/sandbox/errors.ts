// Okta's error body and a throwable carrying it, so route code can `throw oktaError(...)` from any depth.
import { randomBytes } from 'node:crypto';
import type { OktaErrorBody } from '../../src/okta/types.js';

export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: OktaErrorBody,
  ) {
    super(`${status} ${body.errorCode} ${body.errorSummary}`);
  }
}

export function errorId(): string {
  return 'oae' + randomBytes(16).toString('base64url').slice(0, 22);
}

export function errorBody(code: string, summary: string, causes: string[] = []): OktaErrorBody {
  return {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: errorId(),
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
}

export function oktaError(status: number, code: string, summary: string, causes: string[] = []): SandboxHttpError {
  return new SandboxHttpError(status, errorBody(code, summary, causes));
}

export const notFound = (what: string, kind: string): SandboxHttpError =>
  oktaError(404, 'E0000007', `Not found: Resource not found: ${what} (${kind})`);

export const validationFailed = (field: string, causes: string[]): SandboxHttpError =>
  oktaError(400, 'E0000001', `Api validation failed: ${field}`, causes);

export const invalidSearch = (cause: string): SandboxHttpError =>
  oktaError(400, 'E0000031', 'Invalid search criteria.', [cause]);

export const statusNotAllowed = (): SandboxHttpError =>
  oktaError(403, 'E0000038', "This operation is not allowed in the user's current status.");

export const rateLimited = (): OktaErrorBody =>
  errorBody('E0000047', 'API call exceeded rate limit due to too many requests.');

/** System Log errors carry a UUID errorId and no errorLink (as Okta's log endpoint answers). */
export function logError(status: number, code: string, summary: string, causes: string[] = []): SandboxHttpError {
  const body: OktaErrorBody = {
    errorCode: code,
    errorSummary: summary,
    errorId: randomUuid(),
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
  return new SandboxHttpError(status, body);
}

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
