// How a request is authorised. The client only asks for a header; OAuth 2.0 for service apps (a private_key_jwt
// assertion exchanged for a cached Bearer token) can be another AuthProvider without changing any caller.
import { ConfigError } from './errors';

export interface AuthProvider {
  /** The Authorization header value for the next request. */
  header(): Promise<string>;
  /** Forget cached credentials after a 401, so the next header() fetches fresh ones. */
  invalidate?(): void;
  /** Strings that must never appear in an error, a log or a debug line. */
  secrets(): string[];
}

const SSWS_PREFIX = /^ssws(\s+|$)/i;

/** `Authorization: SSWS <token>`. A token pasted with its `SSWS ` prefix still works. */
export function apiTokenAuth(token: string): AuthProvider {
  const bare = token.trim().replace(SSWS_PREFIX, '').trim();
  if (!bare) throw new ConfigError('The Okta API token is empty; paste it into the API Token credential.');
  // A token with inner whitespace was mangled while pasting; sending it would fail with a confusing 401.
  if (/\s/.test(bare)) throw new ConfigError('The Okta API token contains spaces or line breaks; paste it again.');
  // HTTP headers carry bytes, and the HTTP stack would silently drop a zero-width space or a "€" from the token.
  if (!/^[\x21-\x7e]+$/.test(bare)) {
    throw new ConfigError('The Okta API token contains characters that are not plain ASCII (a zero-width space or a typographic quote from a document?); paste it again.');
  }
  const header = `SSWS ${bare}`;
  return {
    header: () => Promise.resolve(header),
    secrets: () => [bare],
  };
}
