// The thin Okta REST client every command uses: auth header, JSON, paging, rate limits, retries, errors.
// It knows nothing of SOAR entries.
import axios, { type AxiosInstance } from 'axios';
import type { AuthProvider } from './auth';
import type { OktaClientOptions } from './config';
import { OktaApiError, OktaTransportError, hintFor, redact, redactError } from './errors';
import type { OktaPath } from './escape';
import { isSameOrigin, parseLinkHeader, rawQueryParam, withRawQueryParam } from './links';
import { chooseAgent } from './proxy';
import { WaitBudget, isConcurrencyLimit, jitterMs, remainingCalls, resetInfo } from './ratelimit';

export type OktaMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface OktaRequest {
  method: OktaMethod;
  /** A path built with the `path` template, or an absolute URL of the org's own origin. */
  path: OktaPath | URL;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export interface OktaResponse<T> {
  status: number;
  /** The parsed JSON body; undefined for an empty body (204). */
  data: T;
  /** Lower-case names; repeated headers comma-joined. */
  headers: Record<string, string>;
  /** rel → href from the Link header(s). */
  links: Record<string, string>;
}

export interface PaginateOptions {
  /** Stop after this many items (default: all). */
  limit?: number;
  /** The endpoint's largest page. */
  pageMax: number;
  /** false for endpoints that take no `limit` parameter (they still may send next links). Default true. */
  sendLimit?: boolean;
}

interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

const IDEMPOTENT: ReadonlySet<OktaMethod> = new Set(['GET', 'PUT', 'DELETE']);
const TRANSIENT_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 8000;
const EXCERPT_CHARS = 200;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function defaultUserAgent(): string {
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  return `okta-soar-integration/${version} node/${process.version}`;
}

/** Transport failures after which Okta may have carried the request out: the answer, not the request, was lost. */
const ANSWER_LOST = new Set(['timeout', 'reset', 'non-json']);

/** A write whose answer was lost may already have happened; the analyst must check before repeating it. */
function possiblyApplied(error: unknown, method: OktaMethod): unknown {
  if (!(error instanceof OktaTransportError) || !ANSWER_LOST.has(error.kind)) return error;
  error.message +=
    `\nThis was a ${method}: Okta may already have carried it out before the answer was lost. ` +
    'Check the current state (for example with okta-get-user) before repeating it.';
  return error;
}

export class OktaClient {
  readonly orgUrl: string;
  private readonly auth: AuthProvider;
  private readonly http: AxiosInstance;
  private readonly via: string | undefined;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly rateLimitBudgetMs: number;
  private readonly paceThreshold: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: { debug(message: string): void } | undefined;
  private readonly userAgent: string;
  private readonly agent: { destroy(): void };
  private readonly proxyCredentials: boolean;

  constructor(options: OktaClientOptions) {
    this.orgUrl = new URL(options.orgUrl).origin;
    this.auth = options.auth;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetries = Math.max(0, options.maxRetries ?? 2);
    this.rateLimitBudgetMs = options.rateLimitBudgetMs ?? 60_000;
    this.paceThreshold = options.paceThreshold ?? 2;
    this.sleep = options.sleep ?? defaultSleep;
    this.logger = options.logger;
    this.userAgent = options.userAgent ?? defaultUserAgent();
    const { agent, via, proxyCredentials } = chooseAgent(new URL(this.orgUrl), {
      proxy: options.proxy ?? false,
      insecure: options.insecure ?? false,
      env: options.env ?? process.env,
    });
    this.via = via;
    this.proxyCredentials = proxyCredentials ?? false;
    this.agent = agent;
    this.http = axios.create({
      adapter: 'http',
      // axios must never pick a proxy from the environment itself: the agent above already decided.
      proxy: false,
      httpAgent: agent,
      httpsAgent: agent,
      // A redirect could carry the token to another host; Okta API calls are never redirected.
      maxRedirects: 0,
      // Bodies are serialised and parsed here, so axios must pass them through untouched.
      responseType: 'text',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  /**
   * Closes the kept-alive sockets (and a half-open proxy tunnel). A command's client lives for one command, and a
   * long-lived host would otherwise collect one idle socket per command until it runs out of file descriptors.
   */
  close(): void {
    this.agent.destroy();
  }

  request<T>(req: OktaRequest): Promise<OktaResponse<T>> {
    return this.guard(() =>
      this.send<T>(req.method, this.resolve(req.path, req.query), req.body, new WaitBudget(this.rateLimitBudgetMs)),
    ).catch((error: unknown) => {
      throw req.method === 'GET' ? error : possiblyApplied(error, req.method);
    });
  }

  /** Follows an absolute link Okta returned (poll/cancel); refuses another origin with OktaTransportError('foreign-link'). */
  follow<T>(method: 'GET' | 'DELETE', href: string): Promise<OktaResponse<T>> {
    return this.guard(() =>
      this.send<T>(method, this.ownLink(href, 'link'), undefined, new WaitBudget(this.rateLimitBudgetMs)),
    );
  }

  /**
   * Streams items across pages following rel="next"; stops at no next link, an empty page, a repeated cursor, or
   * `limit`. Page size = min(remaining, pageMax), also rewritten into the `limit` param of followed next links.
   */
  async *paginate<T>(req: Omit<OktaRequest, 'method' | 'body'>, opts: PaginateOptions): AsyncGenerator<T> {
    let remaining = opts.limit === undefined ? Number.POSITIVE_INFINITY : Math.floor(opts.limit);
    if (!(remaining > 0)) return;
    const pageMax = Math.max(1, Math.floor(opts.pageMax));
    const sendLimit = opts.sendLimit ?? true;
    const pageSize = (): number => Math.min(remaining, pageMax);
    // The wait budget is per page: a long listing on a small bucket legitimately waits out many windows, and
    // failing it part-way would throw away the pages already read.
    const budget = (): WaitBudget => new WaitBudget(this.rateLimitBudgetMs);
    const seen = new Set<string>();
    try {
      const query = sendLimit ? { ...req.query, limit: pageSize() } : req.query;
      let url = this.resolve(req.path, query);
      seen.add(cursorOf(url));
      for (;;) {
        const page = await this.send<unknown>('GET', url, undefined, budget());
        const items = this.pageItems(page.data, url);
        for (const item of items) {
          yield item as T;
          if (--remaining <= 0) return;
        }
        if (items.length === 0) return;
        const next = page.links['next'];
        if (!next) return;
        const nextUrl = this.ownLink(next, 'next link');
        const cursor = cursorOf(nextUrl);
        if (seen.has(cursor)) {
          this.debug(`Okta paging stopped: the next link repeats a cursor already seen (${cursor})`);
          return;
        }
        seen.add(cursor);
        await this.pace(page.headers, budget());
        url = sendLimit ? withRawQueryParam(nextUrl, 'limit', String(pageSize())) : nextUrl;
      }
    } catch (error) {
      throw this.clean(error);
    }
  }

  // ---- one call, with its retries -------------------------------------------------------------------------

  private async send<T>(method: OktaMethod, url: string, body: unknown, budget: WaitBudget): Promise<OktaResponse<T>> {
    let retries = 0;
    let reauthorised = false;
    let retryFor: string | undefined;
    for (;;) {
      let res: RawResponse;
      try {
        res = await this.exchange(method, url, body, retries, retryFor);
      } catch (error) {
        if (error instanceof RetryableTransport && IDEMPOTENT.has(method) && retries < this.maxRetries) {
          await this.backoff(retries++, `${describe(method, url)} failed (${error.error.code ?? error.error.kind})`);
          continue;
        }
        throw error instanceof RetryableTransport ? error.error : error;
      }
      if (res.status >= 200 && res.status < 300) return this.success<T>(res, url);
      if (res.status === 401 && this.auth.invalidate && !reauthorised) {
        // A cached OAuth token may have expired early; one fresh try is safe because a 401 changed nothing.
        this.auth.invalidate();
        reauthorised = true;
        continue;
      }
      if (res.status === 429) {
        const wait = this.rateLimitWait(res, retries, budget, method, url);
        this.debug(`Okta rate limit on ${describe(method, url)}; waiting ${wait} ms before retry ${retries + 1}`);
        await this.sleep(wait);
        retries++;
        retryFor = res.headers['x-okta-request-id'];
        continue;
      }
      // POST is never repeated: a lifecycle call or a create may have happened before the gateway gave up.
      if (TRANSIENT_STATUS.has(res.status) && IDEMPOTENT.has(method) && retries < this.maxRetries) {
        await this.backoff(retries++, `${describe(method, url)} answered ${res.status}`);
        continue;
      }
      throw this.apiError(res, url);
    }
  }

  private async exchange(
    method: OktaMethod,
    url: string,
    body: unknown,
    retries: number,
    retryFor: string | undefined,
  ): Promise<RawResponse> {
    const headers: Record<string, string> = {
      Authorization: await this.auth.header(),
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': this.userAgent,
    };
    if (retryFor) {
      headers['X-Okta-Retry-For'] = retryFor;
      headers['X-Okta-Retry-Count'] = String(retries);
    }
    let data: string | undefined;
    if (body !== undefined) data = JSON.stringify(body);
    else if (method === 'POST' || method === 'PUT') {
      // Okta answers 411 to a POST/PUT without a length.
      data = '';
      headers['Content-Length'] = '0';
    }
    // One deadline for the whole exchange (connect, headers, body): axios's own timeout is per socket inactivity.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await this.http.request<unknown>({ method, url, data, headers, signal: controller.signal });
      this.debug(`Okta ${describe(method, url)} -> ${res.status}${requestIdSuffix(res.headers)}`);
      return {
        status: res.status,
        statusText: res.statusText ?? '',
        headers: flattenHeaders(res.headers),
        body: typeof res.data === 'string' ? res.data : '',
      };
    } catch (error) {
      throw this.transportError(error, controller.signal.aborted, method, url);
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- responses --------------------------------------------------------------------------------------------

  private success<T>(res: RawResponse, url: string): OktaResponse<T> {
    const parsed = parseJson(res.body);
    if (!parsed.ok) throw this.nonJsonError(res, url);
    return {
      status: res.status,
      data: parsed.value as T,
      headers: res.headers,
      links: parseLinkHeader(res.headers['link']),
    };
  }

  private pageItems(data: unknown, url: string): unknown[] {
    if (data === undefined) return [];
    if (!Array.isArray(data)) {
      throw new OktaTransportError('non-json', `Okta returned something other than a list for ${describe('GET', url)}.`);
    }
    return data;
  }

  private apiError(res: RawResponse, url: string): Error {
    const parsed = parseJson(res.body);
    if (!parsed.ok || res.status === 407) return this.nonJsonError(res, url);
    const body = isRecord(parsed.value) ? parsed.value : {};
    const errorCode = stringField(body, 'errorCode');
    const reset = res.status === 429 ? resetInfo(res.headers, Date.now()) : undefined;
    return new OktaApiError({
      status: res.status,
      errorCode,
      errorSummary: stringField(body, 'errorSummary') ?? fallbackSummary(res),
      errorCauses: causesOf(body['errorCauses']),
      errorId: stringField(body, 'errorId'),
      requestId: res.headers['x-okta-request-id'],
      retryAfterMs: reset?.delayMs,
      hint: hintFor(res.status, errorCode, reset?.resetAt),
    });
  }

  private nonJsonError(res: RawResponse, url: string): OktaTransportError {
    // Redact before cutting: a page that echoes the Authorization header could otherwise show a token's first half.
    const excerpt = redact(res.body.replace(/\s+/g, ' ').trim(), this.auth.secrets()).slice(0, EXCERPT_CHARS);
    const type = res.headers['content-type'] ? `, ${res.headers['content-type']}` : '';
    if (res.status === 407) {
      const proxy = `The proxy${this.viaText().replace(' via proxy', '')}`;
      return new OktaTransportError(
        'connection',
        this.proxyCredentials
          ? `${proxy} rejected the user and password in the proxy URL (HTTP 407); check them, or ask for the proxy to allow this host.`
          : `${proxy} requires authentication (HTTP 407); put the user and password in the proxy URL ` +
            '(http://user:password@host:port) or ask for the proxy to allow this host.',
        { status: res.status },
      );
    }
    return new OktaTransportError(
      'non-json',
      `Okta returned a response that is not JSON (HTTP ${res.status}${type}) for ${pathOf(url)}` +
        `${this.viaText()}: "${excerpt}". The URL parameter is probably not the Okta org URL ` +
        '(e.g. https://acme.okta.com), or a proxy answered with its own page.',
      { status: res.status },
    );
  }

  // ---- rate limits and backoff ------------------------------------------------------------------------------

  /** The wait before retrying a 429, or the error to throw when retries or the wait budget are used up. */
  private rateLimitWait(res: RawResponse, retries: number, budget: WaitBudget, method: OktaMethod, url: string): number {
    if (retries >= this.maxRetries) throw this.apiError(res, url);
    const info = resetInfo(res.headers, Date.now());
    const wait = (info ? info.delayMs : backoffMs(retries)) + jitterMs();
    if (!budget.take(wait)) {
      const when = info
        ? `it resets at ${info.resetAt.toISOString()} (in ${Math.ceil(info.delayMs / 1000)} s)`
        : 'Okta did not say when it resets';
      const kind = isConcurrencyLimit(res.headers) ? 'concurrent-request limit' : 'rate limit';
      throw new OktaTransportError(
        'rate-limit-budget',
        `Okta ${kind} reached for ${describe(method, url)}; ${when}, which is more than the ` +
          `${duration(budget.limitMs)} this call may wait. Retry later or lower the request rate.`,
      );
    }
    return wait;
  }

  /** During a multi-page job, wait for the window to reset instead of running into a 429. */
  private async pace(headers: Record<string, string>, budget: WaitBudget): Promise<void> {
    const left = remainingCalls(headers);
    if (left === undefined || left > this.paceThreshold) return;
    const info = resetInfo(headers, Date.now());
    if (!info) return;
    const wait = info.delayMs + jitterMs();
    if (!budget.take(wait)) {
      this.debug(`Okta rate limit nearly used (${left} left); not pacing, the ${wait} ms wait exceeds the budget`);
      return;
    }
    this.debug(`Okta rate limit nearly used (${left} left); pacing ${wait} ms until ${info.resetAt.toISOString()}`);
    await this.sleep(wait);
  }

  private async backoff(retry: number, why: string): Promise<void> {
    const wait = backoffMs(retry);
    this.debug(`${why}; retrying in ${wait} ms`);
    await this.sleep(wait);
  }

  // ---- URLs -------------------------------------------------------------------------------------------------

  private resolve(target: OktaPath | URL, query: Record<string, QueryValue> | undefined): string {
    const base = target instanceof URL ? this.ownLink(target.href, 'URL') : `${this.orgUrl}${target}`;
    const qs = queryString(query);
    if (!qs) return base;
    return `${base}${base.includes('?') ? '&' : '?'}${qs}`;
  }

  /** The href when it has the org's own origin; the token must never travel to another host. */
  private ownLink(href: string, what: string): string {
    let url: URL | undefined;
    try {
      url = new URL(href, this.orgUrl);
    } catch {
      url = undefined;
    }
    if (!url || !isSameOrigin(url, this.orgUrl)) {
      throw new OktaTransportError(
        'foreign-link',
        `Refused to follow a ${what} outside ${this.orgUrl}: ${safeOrigin(href)}. The API token is only sent to the Okta org.`,
      );
    }
    return url.href;
  }

  // ---- errors and logging -----------------------------------------------------------------------------------

  private transportError(error: unknown, timedOut: boolean, method: OktaMethod, url: string): Error {
    const code = errorCode(error);
    const detail = error instanceof Error ? error.message : String(error);
    const where = `${this.orgUrl}${this.viaText()}`;
    const call = describe(method, url);
    if (timedOut || code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
      return new OktaTransportError(
        'timeout',
        `Okta did not answer ${call} within ${duration(this.timeoutMs)} (${where}). ` +
          'Check the URL parameter and the network or proxy, or try again later.',
        { code },
      );
    }
    // "wrong version number" is a TLS handshake answered in plain HTTP: no certificate setting can fix that.
    if (code === 'EPROTO' && /wrong version number|http request/i.test(detail)) {
      return new OktaTransportError(
        'tls',
        `${where} did not answer in TLS (it looks like a plain-HTTP server). Check the URL parameter: an Okta org ` +
          'URL starts with https://, and only a local test server may use http://.',
        { code },
      );
    }
    if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET|EPROTO|ALTNAME/.test(code)) {
      return new OktaTransportError(
        'tls',
        `TLS certificate problem connecting to ${where}: ${code} (${detail.replace(/\s+/g, ' ').trim()}). If this certificate is expected ` +
          '(a TLS-inspecting proxy or a test server), enable the "Trust any certificate (not secure)" parameter; ' +
          'otherwise check the URL parameter.',
        { code },
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      const err = new OktaTransportError(
        'dns',
        `Cannot resolve the host of ${where} (${code}). Check the URL parameter (your Okta org URL, e.g. https://acme.okta.com).`,
        { code },
      );
      return code === 'EAI_AGAIN' ? new RetryableTransport(err) : err;
    }
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || /socket hang up/i.test(detail)) {
      return new RetryableTransport(
        new OktaTransportError(
          'reset',
          `The connection to ${where} was closed unexpectedly during ${call} (${code ?? 'socket hang up'}). Try again; ` +
            'if it persists, check the proxy and network.',
          { code },
        ),
      );
    }
    return new OktaTransportError(
      'connection',
      `Cannot connect to ${where} (${code ?? detail}). Check the URL parameter and that the network` +
        `${this.via ? ' and the proxy allow' : ' allows'} the connection.`,
      { code },
    );
  }

  private viaText(): string {
    return this.via ? ` via proxy ${this.via}` : '';
  }

  private async guard<R>(fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (error) {
      throw this.clean(error);
    }
  }

  /** Every thrown value leaves the client redacted, and never as a raw axios error (its config holds the token). */
  private clean(error: unknown): Error {
    const secrets = this.auth.secrets();
    if (error instanceof RetryableTransport) return redactError(error.error, secrets);
    if (error instanceof OktaApiError || error instanceof OktaTransportError) return redactError(error, secrets);
    if (error instanceof Error && !axios.isAxiosError(error)) return redactError(error, secrets);
    const message = error instanceof Error ? error.message : String(error);
    return new OktaTransportError('connection', redact(`Okta request failed: ${message}`, secrets));
  }

  private debug(message: string): void {
    this.logger?.debug(redact(message, this.auth.secrets()));
  }
}

/** Marks a transport failure that is safe to retry for idempotent methods; never escapes the client. */
class RetryableTransport extends Error {
  constructor(readonly error: OktaTransportError) {
    super(error.message);
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function backoffMs(retry: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * The loop-guard key of a page URL: its `after` cursor; without one, the path and the other parameters in any order
 * but not `limit`, which we rewrite on every page (a next link that repeats the page just read, with a smaller
 * limit, is still the same page).
 */
function cursorOf(url: string): string {
  const after = rawQueryParam(url, 'after');
  if (after !== undefined) return `after=${after}`;
  const page = new URL(url);
  page.searchParams.delete('limit');
  page.searchParams.sort();
  return page.href;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  return Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return 'an invalid URL';
  }
}

function describe(method: OktaMethod, url: string): string {
  return `${method} ${pathOf(url)}`;
}

function safeOrigin(href: string): string {
  try {
    const u = new URL(href);
    return u.origin === 'null' ? `a ${u.protocol} URL` : u.origin;
  } catch {
    return 'an invalid URL';
  }
}

function flattenHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(headers)) return out;
  const source = typeof headers['toJSON'] === 'function' ? (headers['toJSON'] as () => unknown)() : headers;
  if (!isRecord(source)) return out;
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

function requestIdSuffix(headers: unknown): string {
  const id = flattenHeaders(headers)['x-okta-request-id'];
  return id ? ` [requestId ${id}]` : '';
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  if (body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function causesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((cause) => (isRecord(cause) ? stringField(cause, 'errorSummary') : typeof cause === 'string' ? cause : undefined))
    .filter((cause): cause is string => cause !== undefined);
}

/** A summary for an error without an Okta body: a missing OAuth scope, a redirect, or a bare status. */
function fallbackSummary(res: RawResponse): string {
  const challenge = res.headers['www-authenticate'] ?? '';
  const scope = /scope="([^"]*)"/.exec(challenge)?.[1];
  if (/insufficient_scope/.test(challenge)) {
    return `The access token does not have the required scope${scope ? ` ${scope}` : ''}.`;
  }
  if (res.status >= 300 && res.status < 400) {
    return `Redirected to ${safeOrigin(res.headers['location'] ?? '')}`;
  }
  return `${res.statusText || 'HTTP error'} (the response has no Okta error body)`;
}

function errorCode(error: unknown): string | undefined {
  if (!isRecord(error) && !(error instanceof Error)) return undefined;
  const record = error as unknown as Record<string, unknown>;
  if (typeof record['code'] === 'string' && record['code'] !== 'ERR_BAD_RESPONSE') return record['code'];
  const cause = record['cause'];
  if (cause && typeof cause === 'object' && typeof (cause as Record<string, unknown>)['code'] === 'string') {
    return (cause as Record<string, unknown>)['code'] as string;
  }
  return undefined;
}
