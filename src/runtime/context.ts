// A War Room context outside XSOAR: the CLI's --context FILE keeps it across runs so a playbook-like
// sequence (create → add to group → suspend …) can pass ids along with ${Account.ID}-style references.
// Merging follows the DT rules entries use: `Path(val.K && val.K === obj.K)` updates the element whose K
// matches (its fields are replaced by the incoming ones, other fields stay) and appends otherwise;
// `Path(true)` overwrites; a plain `Path` appends.

export type Context = Record<string, unknown>;

interface ContextKey {
  path: string[];
  /** Key fields compared by the selector; undefined = no selector (append); 'all' = `(true)` (replace). */
  match?: string[] | 'all';
}

const SELECTOR_TERM = /^val\.([\w$]+)\s*&&\s*val\.\1\s*={2,3}\s*obj\.\1$/;

export function parseContextKey(key: string): ContextKey {
  const open = key.indexOf('(');
  if (open < 0 || !key.endsWith(')')) return { path: key.split('.') };
  const path = key.slice(0, open).split('.');
  const selector = key.slice(open + 1, -1).trim();
  if (selector === 'true') return { path, match: 'all' };
  // Selectors are `val.A && val.A === obj.A [&& val.B && val.B === obj.B]`; read them, never eval them.
  const parts = selector.split(/\s*&&\s*(?=val\.)/);
  const fields: string[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const term = `${parts[index]} && ${parts[index + 1] ?? ''}`;
    const field = SELECTOR_TERM.exec(term)?.[1];
    if (!field) throw new Error(`Unsupported context selector: ${key}`);
    fields.push(field);
  }
  return { path, match: fields };
}

const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function sameElement(existing: unknown, incoming: unknown, fields: readonly string[]): boolean {
  if (!existing || !incoming || typeof existing !== 'object' || typeof incoming !== 'object') return false;
  return fields.every((field) => {
    const value = (existing as Record<string, unknown>)[field];
    return Boolean(value) && value === (incoming as Record<string, unknown>)[field];
  });
}

function mergeValue(current: unknown, incoming: unknown, match: ContextKey['match']): unknown {
  if (match === 'all') return incoming;
  const items = asArray(incoming);
  const merged = asArray(current).slice();
  for (const item of items) {
    let matched = false;
    // XSOAR updates every matched element rather than swapping it, so a factors listing does not erase the login
    // that get-user wrote for the same account.
    merged.forEach((existing, index) => {
      if (!match || !sameElement(existing, item, match)) return;
      merged[index] = { ...(existing as Record<string, unknown>), ...(item as Record<string, unknown>) };
      matched = true;
    });
    if (!matched) merged.push(item);
  }
  // A single element stays an object, as XSOAR shows it.
  return merged.length === 1 ? merged[0] : merged;
}

export function mergeEntryContext(context: Context, entryContext: Record<string, unknown>): Context {
  const result: Context = structuredClone(context);
  for (const [key, value] of Object.entries(entryContext)) {
    const { path, match } = parseContextKey(key);
    let node = result;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (!next || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
      node = node[segment] as Context;
    }
    const leaf = path[path.length - 1]!;
    node[leaf] = mergeValue(node[leaf], value, match);
  }
  return result;
}

/** Values at a dotted path; arrays fan out like DT paths do (`Account.ID` over several accounts). */
export function lookup(context: Context, dottedPath: string): unknown[] {
  let nodes: unknown[] = [context];
  for (const segment of dottedPath.split('.')) {
    nodes = nodes.flatMap((node) => {
      if (Array.isArray(node)) return node.flatMap((item) => asArray((item as Record<string, unknown> | null)?.[segment]));
      return node && typeof node === 'object' ? asArray((node as Record<string, unknown>)[segment]) : [];
    });
  }
  return nodes.flatMap(asArray);
}

export interface ReferenceOptions {
  /** The argument takes a comma-separated list, so several values may be joined. */
  allowList?: boolean;
  argument?: string;
}

/** Replaces ${Path.To.Value} in an argument with the value found in the context. */
export function resolveReferences(value: string, context: Context, options: ReferenceOptions = {}): string {
  return value.replace(/\$\{([^}]+)\}/g, (_, reference: string) => {
    const path = reference.trim();
    if (!/^[\w$-]+(\.[\w$-]+)*$/.test(path)) {
      throw new Error(`Context reference \${${reference}} is not supported here: use a plain dotted path such as \${Account.ID}.`);
    }
    const found = lookup(context, path).filter((item) => item !== null && typeof item !== 'object');
    if (found.length === 0) throw new Error(`Context reference \${${reference}} has no value in the context.`);
    if (found.length > 1 && !options.allowList) {
      const needs = options.argument ? `"${options.argument}" takes one value` : 'one value is needed';
      const shown = `${found.slice(0, 5).join(', ')}${found.length > 5 ? ', …' : ''}`;
      throw new Error(`Context reference \${${reference}} resolves to ${found.length} values (${shown}); ${needs}.`);
    }
    return found.map(String).join(',');
  });
}
