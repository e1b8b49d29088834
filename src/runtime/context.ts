// A War Room context outside XSOAR: the CLI's --context FILE keeps it across runs so a playbook-like
// sequence (create → add to group → suspend …) can pass ids along with ${Account.ID}-style references.
// Merging follows the DT rules entries use: `Path(val.K && val.K === obj.K)` replaces the element whose K
// matches and appends otherwise; `Path(true)` overwrites; a plain `Path` appends.

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
    const index = match ? merged.findIndex((existing) => sameElement(existing, item, match)) : -1;
    if (index >= 0) merged[index] = item;
    else merged.push(item);
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

/** Replaces ${Path.To.Value} in an argument; several values are joined with commas. */
export function resolveReferences(value: string, context: Context): string {
  return value.replace(/\$\{([^}]+)\}/g, (_, reference: string) => {
    const found = lookup(context, reference.trim()).filter((item) => item !== null && typeof item !== 'object');
    if (found.length === 0) throw new Error(`Context reference \${${reference}} has no value in the context.`);
    return found.map(String).join(',');
  });
}
