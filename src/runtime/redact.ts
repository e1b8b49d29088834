// Last line of defence for secrets: whatever a command or an error produced, the API token and the values
// of secret arguments (passwords, answers) are replaced before anything leaves the process.

const MASK = '<redacted>';
const MIN_SECRET_LENGTH = 4; // shorter strings would mask ordinary text and hide nothing worth hiding

export function secretsIn(values: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
    found.add(value);
    // Tokens also travel URL-encoded (query strings) and JSON-escaped (bodies in error text).
    found.add(encodeURIComponent(value));
    found.add(JSON.stringify(value).slice(1, -1));
  }
  return [...found].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Masks secrets in text we wrote (errors, log lines), ignoring case: a URL parser lower-cases a host, and a server
 * may echo a value in another case.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  let lower = text.toLowerCase();
  for (const secret of secrets) {
    if (!lower.includes(secret.toLowerCase())) continue;
    result = result.replace(new RegExp(escapeRegExp(secret), 'gi'), MASK);
    lower = result.toLowerCase();
  }
  return result;
}

/**
 * Whether any string (or key) anywhere in `value` holds a secret. Walks instead of serialising, so a 50,000-event
 * result is not copied into one huge string; allocates nothing per node, which keeps a big listing's peak low.
 */
export function containsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret));
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsSecret(item, secrets));
  for (const key in value) {
    if (containsSecret(key, secrets) || containsSecret((value as Record<string, unknown>)[key], secrets)) return true;
  }
  return false;
}

/** The distinct objects under an entry's fields: Contents and EntryContext usually share the same events. */
function distinctRoots(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [value];
  const roots = new Set<unknown>();
  for (const [key, inner] of Object.entries(value)) {
    roots.add(key);
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) for (const [k, v] of Object.entries(inner)) roots.add(k).add(v);
    else roots.add(inner);
  }
  return [...roots];
}

/** Deep copy with every string redacted; returns the same object when nothing needed masking (the common case). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || !distinctRoots(value).some((root) => containsSecret(root, secrets))) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactText(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [redactText(key, secrets), walk(inner)]));
    }
    return node;
  };
  return walk(value) as T;
}
