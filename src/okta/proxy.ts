// Choosing the HTTP agent: direct (optionally without TLS verification) or through a CONNECT proxy.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { HttpsProxyAgent } from 'https-proxy-agent';

type Env = Record<string, string | undefined>;

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/**
 * The proxy URL for a target, or '' for none: the semantics of proxy-from-env's getProxyForUrl (lower-case
 * variables first, `<scheme>_proxy` then `all_proxy`, NO_PROXY with ports, `*` and suffixes), except that a proxy
 * without a scheme is http://. That package reads
 * process.env only; this reads the client's `env`, so the `proxy` parameter (off = proxy variables ignored) and
 * tests never depend on the process environment. Kept small and covered by proxy tests against a real proxy.
 */
export function proxyForUrl(target: URL, env: Env): string {
  const scheme = target.protocol.replace(/:$/, '');
  const host = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[scheme] || 0;
  if (!host || !shouldProxy(host, port, readEnv(env, 'no_proxy').toLowerCase())) return '';
  const proxy = readEnv(env, `${scheme}_proxy`) || readEnv(env, 'all_proxy');
  // A proxy given as host:port speaks plain HTTP (curl and Python requests read it so); proxy-from-env would assume
  // the target's scheme and try TLS to the proxy, which almost no proxy speaks.
  if (proxy && !proxy.includes('://')) return `http://${proxy}`;
  return proxy;
}

function readEnv(env: Env, key: string): string {
  return env[key.toLowerCase()] || env[key.toUpperCase()] || '';
}

function shouldProxy(host: string, port: number, noProxy: string): boolean {
  if (!noProxy) return true;
  if (noProxy === '*') return false;
  return noProxy.split(/[,\s]/).every((entry) => {
    if (!entry) return true;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    let entryHost = withPort ? (withPort[1] ?? '') : entry;
    const entryPort = withPort ? Number.parseInt(withPort[2] ?? '0', 10) : 0;
    if (entryPort && entryPort !== port) return true;
    if (!/^[.*]/.test(entryHost)) return host !== entryHost;
    if (entryHost.startsWith('*')) entryHost = entryHost.slice(1);
    return !host.endsWith(entryHost);
  });
}

/** The proxy without credentials, for messages. */
export function describeProxy(proxyUrl: string): string {
  try {
    const u = new URL(proxyUrl);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the configured proxy';
  }
}

/**
 * https-proxy-agent upgrades the tunnel with the request's own TLS options, which carry no rejectUnauthorized
 * (axios does not set it), so "Trust any certificate" has to be injected at the upgrade.
 */
class InsecureProxyAgent extends HttpsProxyAgent<string> {
  override connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<Socket> {
    return super.connect(req, { ...opts, rejectUnauthorized: false } as typeof opts);
  }
}

export interface AgentChoice {
  agent: http.Agent;
  /** The proxy in use (without credentials), for messages; undefined when direct. */
  via?: string;
  /** The proxy URL carries a user and password (so a 407 means they were rejected). */
  proxyCredentials?: boolean;
}

function hasCredentials(proxyUrl: string): boolean {
  try {
    const url = new URL(proxyUrl);
    return Boolean(url.username || url.password);
  } catch {
    return false;
  }
}

export function chooseAgent(target: URL, opts: { proxy: boolean; insecure: boolean; env: Env }): AgentChoice {
  const proxyUrl = opts.proxy ? proxyForUrl(target, opts.env) : '';
  if (proxyUrl) {
    const Agent = opts.insecure ? InsecureProxyAgent : HttpsProxyAgent;
    return { agent: new Agent(proxyUrl, { keepAlive: true }), via: describeProxy(proxyUrl), proxyCredentials: hasCredentials(proxyUrl) };
  }
  if (target.protocol === 'https:') {
    return { agent: new https.Agent({ keepAlive: true, rejectUnauthorized: !opts.insecure }) };
  }
  return { agent: new http.Agent({ keepAlive: true }) };
}
