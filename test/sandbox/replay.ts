// Replays recorded Okta interactions against the sandbox and compares status, errorCode, Link relations and the
// deep key sets of the bodies (values ignored). Recorded ids are mapped to the sandbox's as entities are created.
import { parse } from 'yaml';
import type { Sandbox } from './server.js';
import { call, links, type Res } from './testkit.js';

export interface Interaction {
  method: string;
  /** path + query as recorded (origin dropped) */
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  linkRels: string[];
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Both cassette dialects: vcrpy (request.uri, response.status.code, body.string) and go-vcr v2 (url, code, body). */
export function loadCassette(yamlText: string): Interaction[] {
  const doc = parse(yamlText) as { interactions: Array<Record<string, Record<string, unknown>>> };
  return doc.interactions.map((it) => {
    const req = it.request as Record<string, unknown>;
    const res = it.response as Record<string, unknown>;
    const url = new URL(String(req.uri ?? req.url));
    const status = typeof res.code === 'number' ? res.code : Number((res.status as { code?: number } | undefined)?.code);
    const rawBody = typeof res.body === 'object' && res.body !== null ? (res.body as { string?: unknown }).string : res.body;
    const headers = (res.headers ?? {}) as Record<string, unknown>;
    const linkHeader = Object.entries(headers).filter(([k]) => k.toLowerCase() === 'link').flatMap(([, v]) => (Array.isArray(v) ? v : [v])).join(', ');
    const rels = [...linkHeader.matchAll(/rel="([^"]+)"/g)].map((m) => m[1] as string);
    return {
      method: String(req.method),
      path: url.pathname + url.search,
      requestBody: parseJson(req.body),
      status,
      responseBody: parseJson(rawBody),
      linkRels: [...new Set(rels)].sort(),
    };
  });
}

/** Every key path in a JSON value, arrays as `[]`; `skip` drops subtrees (by path prefix). */
export function keyPaths(value: unknown, skip: readonly string[] = [], prefix = ''): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, p: string): void => {
    if (skip.some((s) => p === s || p.startsWith(`${s}.`) || p.startsWith(`${s}[`))) return;
    if (Array.isArray(v)) {
      for (const el of v) visit(el, `${p}[]`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const path = p ? `${p}.${k}` : k;
        if (skip.includes(path)) continue;
        out.add(path);
        visit(child, path);
      }
    }
  };
  visit(value, prefix);
  return out;
}

export interface Mismatch {
  index: number;
  request: string;
  problem: string;
}

const REPLAY_PASSWORD = 'Repl4y-Passw0rd!';
const REPLAY_PASSWORD_2 = 'Repl4y-Passw0rd-2!';
const OKTA_ID = /\b(00u|00g|mbl|opf|ost|ufs|sms|clf|emf)[A-Za-z0-9]{17}\b/g;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/** Recorded request bodies are sometimes dropped by the recorder; rebuild them from the recorded answer. */
function synthesizeBody(it: Interaction): unknown {
  if (it.requestBody !== undefined) return it.requestBody;
  const res = obj(it.responseBody);
  const path = it.path.split('?')[0] ?? '';
  if (it.method === 'POST' && path === '/api/v1/users' && res) {
    const profile = Object.fromEntries(Object.entries(obj(res.profile) ?? {}).filter(([, v]) => v !== null));
    return { profile, ...(res.passwordChanged ? { credentials: { password: { value: REPLAY_PASSWORD } } } : {}) };
  }
  if (it.method === 'POST' && /^\/api\/v1\/users\/[^/]+$/.test(path) && res) {
    return { profile: Object.fromEntries(Object.entries(obj(res.profile) ?? {}).filter(([, v]) => v !== null)) };
  }
  if (it.method === 'POST' && path === '/api/v1/groups' && res) return { profile: obj(res.profile) };
  if (it.method === 'POST' && /\/factors$/.test(path) && res) return { factorType: res.factorType, provider: res.provider, profile: res.profile };
  if (it.method === 'POST' && path.endsWith('/credentials/change_password')) {
    return { oldPassword: { value: REPLAY_PASSWORD }, newPassword: { value: REPLAY_PASSWORD_2 } };
  }
  return undefined;
}

export interface ReplayOptions {
  /** key paths (with their subtrees) one generation of Okta emits and another does not: compared only when both have them */
  optionalKeys?: readonly string[];
  /** status pairs [recorded, sandbox] accepted for a path pattern, with a reason */
  tolerate?: Array<{ path: RegExp; recorded: number; sandbox: number; why: string }>;
}

function pairElements(recorded: unknown[], actual: unknown[], idMap: Map<string, string>): Array<[unknown, unknown, boolean]> {
  const pairs: Array<[unknown, unknown, boolean]> = [];
  for (const r of recorded) {
    const ro = obj(r);
    if (!ro) continue;
    const mapped = typeof ro.id === 'string' ? idMap.get(ro.id) : undefined;
    const profile = obj(ro.profile);
    const match = actual.find((a) => {
      const ao = obj(a);
      if (!ao) return false;
      if (mapped !== undefined) return ao.id === mapped;
      const ap = obj(ao.profile);
      return (profile?.login !== undefined && ap?.login === profile.login) || (ro.type === 'BUILT_IN' && ap?.name === profile?.name && ao.type === 'BUILT_IN');
    });
    if (match !== undefined) pairs.push([r, match, true]);
  }
  if (pairs.length === 0 && recorded.length > 0 && actual.length > 0) pairs.push([recorded[0], actual[0], false]);
  return pairs;
}

function compareKeys(recorded: unknown, actual: unknown, sameEntity: boolean, optional: readonly string[]): string | undefined {
  // profile attributes are data, not shape, when the two elements are different entities
  const skip = sameEntity ? [] : ['profile'];
  const a = keyPaths(recorded, skip);
  const b = keyPaths(actual, skip);
  const isOptional = (k: string): boolean => optional.some((o) => k === o || k.startsWith(`${o}.`) || k.startsWith(`${o}[`));
  for (const k of [...a]) if (isOptional(k) && !b.has(k)) a.delete(k);
  for (const k of [...b]) if (isOptional(k) && !a.has(k)) b.delete(k);
  const missing = [...a].filter((k) => !b.has(k));
  const extra = [...b].filter((k) => !a.has(k));
  if (missing.length === 0 && extra.length === 0) return undefined;
  return `keys differ: missing [${missing.join(', ')}] extra [${extra.join(', ')}]`;
}

function learnIds(recorded: unknown, actual: unknown, idMap: Map<string, string>): void {
  const r = obj(recorded);
  const a = obj(actual);
  if (r && a && typeof r.id === 'string' && typeof a.id === 'string' && !idMap.has(r.id)) idMap.set(r.id, a.id);
}

/** Runs the interactions in order against `sb` and returns every disagreement. */
export async function replay(sb: Sandbox, interactions: Interaction[], opts: ReplayOptions = {}): Promise<Mismatch[]> {
  const idMap = new Map<string, string>();
  const lastNext = new Map<string, string>();
  const problems: Mismatch[] = [];
  for (const [index, it] of interactions.entries()) {
    let path = it.path.replace(OKTA_ID, (id) => idMap.get(id) ?? id);
    const url = new URL(`http://x${path}`);
    if (url.searchParams.has('after')) {
      const next = lastNext.get(url.pathname);
      if (next) path = new URL(next).pathname + new URL(next).search;
    }
    const body = synthesizeBody(it);
    const res: Res = await call(sb, it.method, path, body === undefined ? {} : { body });
    const label = `${it.method} ${it.path}`;
    const fail = (problem: string): void => {
      problems.push({ index, request: label, problem });
    };
    const tolerated = opts.tolerate?.find((t) => t.path.test(url.pathname) && t.recorded === it.status && t.sandbox === res.status);
    if (res.status !== it.status && !tolerated) {
      fail(`status ${res.status} (recorded ${it.status}): ${res.text.slice(0, 200)}`);
      continue;
    }
    const l = links(res);
    if (l.next) lastNext.set(new URL(l.next).pathname, l.next);
    for (const rel of it.linkRels) if (!l[rel]) fail(`no Link rel="${rel}" (recorded one)`);
    if (tolerated) continue;
    const actual = res.text === '' ? undefined : parseJson(res.text);
    const recorded = it.responseBody;
    const rErr = obj(recorded)?.errorCode;
    if (rErr !== undefined && obj(actual)?.errorCode !== rErr) fail(`errorCode ${String(obj(actual)?.errorCode)} (recorded ${String(rErr)})`);
    if (Array.isArray(recorded)) {
      if (!Array.isArray(actual)) {
        fail('expected an array');
        continue;
      }
      for (const [r, a, same] of pairElements(recorded, actual, idMap)) {
        const problem = compareKeys(r, a, same, opts.optionalKeys ?? []);
        if (problem) fail(`element ${String(obj(r)?.id)}: ${problem}`);
      }
      if (recorded.length > 0 && actual.length === 0) fail('empty array (recorded had elements)');
      continue;
    }
    if (recorded === undefined) {
      if (actual !== undefined) fail(`expected no body, got ${res.text.slice(0, 80)}`);
      continue;
    }
    learnIds(recorded, actual, idMap);
    const problem = compareKeys(recorded, actual, true, opts.optionalKeys ?? []);
    if (problem) fail(problem);
  }
  return problems;
}
