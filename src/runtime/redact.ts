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
 * result is not copied into one huge string, and visits each shared object once (Contents and EntryContext
 * usually hold the same events).
 */
export function containsSecret(value: unknown, secrets: readonly string[], seen = new WeakSet<object>()): boolean {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret));
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => containsSecret(item, secrets, seen));
  for (const [key, inner] of Object.entries(value)) {
    if (containsSecret(key, secrets, seen) || containsSecret(inner, secrets, seen)) return true;
  }
  return false;
}

/** Deep copy with every string redacted; returns the same object when nothing needed masking (the common case). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || !containsSecret(value, secrets)) return value;
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
