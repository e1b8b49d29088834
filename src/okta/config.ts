// Integration parameters → client options. Everything a user can paste wrong is corrected or refused here.
import { apiTokenAuth, type AuthProvider } from './auth';
import { ConfigError } from './errors';

export { ConfigError };

export interface OktaClientOptions {
  /** Normalised origin, e.g. 'https://acme.okta.com' or 'http://127.0.0.1:4010'. */
  orgUrl: string;
  auth: AuthProvider;
  /** Turn TLS verification off for this client only. Default false. */
  insecure?: boolean;
  /** Route through HTTPS_PROXY / HTTP_PROXY (honouring NO_PROXY). When false, proxy env vars are ignored. */
  proxy?: boolean;
  /** Per request. Default 60000. */
  timeoutMs?: number;
  /** Retries for 429 and transient failures. Default 2. */
  maxRetries?: number;
  /** Total time one call (or one paginate iteration) may spend waiting for rate limits. Default 60000. */
  rateLimitBudgetMs?: number;
  /** Pace the next page when X-Rate-Limit-Remaining falls to this during a multi-page job. Default 2. */
  paceThreshold?: number;
  /** Where proxy variables are read. Default process.env. */
  env?: Record<string, string | undefined>;
  logger?: { debug(message: string): void };
  sleep?: (ms: number) => Promise<void>;
  /** Default `okta-soar-integration/<version> node/<process.version>`. */
  userAgent?: string;
}

/** Okta's own cell domains; only on these is a `-admin` host certainly the admin console of the org. */
const OKTA_DOMAINS = ['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil', 'trexcloud.com'];

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function normaliseOrgUrl(raw: string): { orgUrl: string; hints: string[] } {
  const hints: string[] = [];
  const text = raw.trim();
  if (!text) throw new ConfigError('The Okta URL parameter is empty; set it to your org URL, e.g. https://acme.okta.com.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // Not repeated: what lands in the URL field by mistake is often the API token.
    throw new ConfigError('The Okta URL parameter is not a valid URL (expected e.g. https://acme.okta.com); check that the URL and the API token were not swapped.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`The Okta URL must start with https:// (got ${url.protocol}//).`);
  }
  // Every Okta org has a domain (acme.okta.com). A bare word is usually the API token pasted into the URL field:
  // refuse it before a DNS lookup, and do not repeat it.
  if (!url.hostname.includes('.') && !url.hostname.includes(':') && !isLoopbackHost(url.hostname)) {
    throw new ConfigError('The Okta URL parameter has no domain (expected something like https://acme.okta.com); check that the URL and the API token were not swapped.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `The Okta URL must use https://; plain http is allowed only for a local test server (got ${url.origin}).`,
    );
  }
  if (url.username || url.password) hints.push('The URL contained a user name or password; they were removed (the API token goes in the credentials).');
  const adminFixed = withoutAdminConsole(url.hostname);
  if (adminFixed !== url.hostname) {
    hints.push(`${url.hostname} is the admin console; using ${adminFixed} (the org URL) for API calls.`);
    url.hostname = adminFixed;
  }
  const pathname = url.pathname.replace(/\/+$/, '');
  if (pathname && !/^\/api\/v1(\/|$)/i.test(pathname)) hints.push(`The path ${pathname} of the URL is ignored; API calls go to ${url.origin}/api/v1.`);
  return { orgUrl: url.origin, hints };
}

function withoutAdminConsole(hostname: string): string {
  const host = hostname.toLowerCase();
  const [first, ...rest] = host.split('.');
  const domain = rest.join('.');
  if (first && first.endsWith('-admin') && first.length > '-admin'.length && OKTA_DOMAINS.includes(domain)) {
    return `${first.slice(0, -'-admin'.length)}.${domain}`;
  }
  return host;
}

/**
 * A checkbox param: a boolean, or (legacy instances, --params files) true/false/yes/no in any case; absent or empty
 * is false. Anything else is refused: silently reading "yse" as false would ignore "Trust any certificate".
 */
export function paramBoolean(value: unknown, name = 'checkbox'): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return false;
  const word = String(value).trim().toLowerCase();
  if (word === 'true' || word === 'yes') return true;
  if (word === 'false' || word === 'no' || word === '') return false;
  throw new ConfigError(`The ${name} parameter must be true or false (got "${String(value).slice(0, 20)}").`);
}

function tokenFromParams(params: Record<string, unknown>): string {
  const credentials = params['credentials'];
  if (credentials && typeof credentials === 'object') {
    const password = (credentials as Record<string, unknown>)['password'];
    if (typeof password === 'string' && password.trim()) return password;
  }
  const legacy = params['apitoken'];
  return typeof legacy === 'string' ? legacy : '';
}

/** The `timeout` param is in seconds (XSOAR params are strings); blank means the client's default. */
function timeoutFromParams(value: unknown): number | undefined {
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  const seconds = Number(String(value).trim());
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new ConfigError(`The Request timeout parameter must be a number of seconds greater than 0 and at most 3600 (got "${String(value)}").`);
  }
  return Math.round(seconds * 1000);
}

/**
 * Integration params → options. Accepts { url, credentials: { password }, apitoken, insecure, proxy }; the token is
 * credentials.password or the legacy apitoken. Returns hints (URL corrections) for test-module and debug output.
 */
export function optionsFromParams(params: Record<string, unknown>): { options: OktaClientOptions; hints: string[] } {
  const rawUrl = params['url'];
  const { orgUrl, hints } = normaliseOrgUrl(typeof rawUrl === 'string' ? rawUrl : '');
  const options: OktaClientOptions = {
    orgUrl,
    auth: apiTokenAuth(tokenFromParams(params)),
    insecure: paramBoolean(params['insecure'], 'insecure'),
    proxy: paramBoolean(params['proxy'], 'proxy'),
  };
  const timeoutMs = timeoutFromParams(params['timeout']);
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  return { options, hints };
}
