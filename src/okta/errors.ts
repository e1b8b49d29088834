// Errors the Okta client throws. Every message is built here, so redaction and hints live in one place.

/** A bad integration parameter (URL, token). Thrown before any request is sent. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface OktaApiErrorInit {
  status: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: string[];
  errorId?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** Extra line(s) explaining what to do; already redacted. */
  hint?: string;
}

/** Okta answered with a status outside 2xx. `errorCode` is the field meant for program logic. */
export class OktaApiError extends Error {
  override name = 'OktaApiError';
  status: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses: string[];
  errorId?: string;
  requestId?: string;
  retryAfterMs?: number;

  constructor(init: OktaApiErrorInit) {
    super(apiErrorMessage(init));
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorSummary = init.errorSummary;
    this.errorCauses = init.errorCauses ?? [];
    this.errorId = init.errorId;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export type TransportErrorKind =
  | 'timeout'
  | 'tls'
  | 'dns'
  | 'connection'
  | 'reset'
  | 'non-json'
  | 'foreign-link'
  | 'rate-limit-budget';

/** The request did not produce a usable Okta answer (network, TLS, a page that is not Okta's, a refused link). */
export class OktaTransportError extends Error {
  override name = 'OktaTransportError';
  kind: TransportErrorKind;
  /** The low-level error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, …) when there is one. */
  code?: string;
  /** HTTP status, for a non-JSON answer. */
  status?: number;

  constructor(kind: TransportErrorKind, message: string, extra: { code?: string; status?: number } = {}) {
    super(message);
    this.kind = kind;
    this.code = extra.code;
    this.status = extra.status;
  }
}

function apiErrorMessage(init: OktaApiErrorInit): string {
  const code = init.errorCode ? ` ${init.errorCode}` : '';
  const summary = init.errorSummary ?? 'no error details in the response';
  const id = init.errorId
    ? ` [errorId ${init.errorId}]`
    : init.requestId
      ? ` [requestId ${init.requestId}]`
      : '';
  const lines = [`Okta API error ${init.status}${code}: ${summary}${id}`];
  for (const cause of init.errorCauses ?? []) lines.push(`Cause: ${cause}`);
  if (init.hint) lines.push(init.hint);
  return lines.join('\n');
}

/** Error codes whose 403 means "the token's admin may not do this", as opposed to "not allowed in this state". */
const PERMISSION_CODES = new Set(['E0000006', 'E0000015']);

/** The actionable line for an API error, or undefined when the summary already says it all. */
export function hintFor(status: number, errorCode: string | undefined, resetAt?: Date): string | undefined {
  if (status === 401 || errorCode === 'E0000011' || errorCode === 'E0000004') {
    return 'Hint: check the API token in the integration credentials; Okta rejected it (wrong, expired or revoked, or its admin was deactivated).';
  }
  if (errorCode === 'E0000005') {
    return 'Hint: Okta did not accept the Authorization header; check the API token in the integration credentials.';
  }
  if (status === 403 && (errorCode === undefined || PERMISSION_CODES.has(errorCode))) {
    return "Hint: the API token's admin lacks the permission for this action; give that admin a role that allows it (or use a token of an admin who has one).";
  }
  if (status === 429) {
    const when = resetAt ? ` The limit resets at ${resetAt.toISOString()}.` : '';
    return `Hint: Okta's rate limit for this endpoint was exceeded.${when} Retry later, lower the request rate, or ask the Okta admin to raise the limit.`;
  }
  if (errorCode === 'E0000008') {
    return 'Hint: the path does not exist on this server; check that the URL parameter is the Okta org URL (e.g. https://acme.okta.com).';
  }
  if (status >= 300 && status < 400) {
    return 'Hint: Okta API calls are never redirected; check that the URL parameter is the Okta org URL (e.g. https://acme.okta.com).';
  }
  return undefined;
}

/**
 * Replaces every secret (and its URL-encoded form) with a marker, ignoring case: a URL parser lower-cases a host,
 * and a lower-cased token is still the token. Applied to every message we produce.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.replace(new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '<redacted>');
    }
  }
  return out;
}

/** Redacts an error in place: message, stack and every string field. */
export function redactError<E extends Error>(error: E, secrets: readonly string[]): E {
  error.message = redact(error.message, secrets);
  if (error.stack) error.stack = redact(error.stack, secrets);
  const record = error as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') record[key] = redact(value, secrets);
    if (Array.isArray(value)) record[key] = value.map((v) => (typeof v === 'string' ? redact(v, secrets) : v));
  }
  return error;
}
