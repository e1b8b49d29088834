// RFC 8288 Link headers and the rules for following the URLs Okta hands back.

/**
 * rel → href. Accepts several Link headers (an array) or one comma-joined value (how Node joins duplicates).
 * Commas inside <…> or quoted parameters do not split links. The first link for a rel wins.
 */
export function parseLinkHeader(value: string | readonly string[] | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (value === undefined) return links;
  const text = typeof value === 'string' ? value : value.join(',');
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break;
    const href = text.slice(open + 1, close).trim();
    const { params, end } = readParams(text, close + 1);
    for (const rel of (params['rel'] ?? '').toLowerCase().split(/\s+/)) {
      if (rel && !(rel in links)) links[rel] = href;
    }
    i = end;
  }
  return links;
}

/** Reads `; name=value; name="value"` up to the comma that ends this link (or the end of the text). */
function readParams(text: string, start: number): { params: Record<string, string>; end: number } {
  const params: Record<string, string> = {};
  let i = start;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    const ch = text[i];
    if (ch === ',') return { params, end: i + 1 };
    if (ch !== ';') {
      // Garbage between links: skip to the next link start so one bad entry does not hide the rest.
      const next = text.indexOf('<', i);
      return { params, end: next < 0 ? text.length : next };
    }
    i++;
    const nameMatch = /^\s*([^=;,\s]+)\s*/.exec(text.slice(i));
    if (!nameMatch) continue;
    i += nameMatch[0].length;
    const name = (nameMatch[1] ?? '').toLowerCase();
    let value = '';
    if (text[i] === '=') {
      i++;
      while (text[i] === ' ') i++;
      if (text[i] === '"') {
        const endQuote = findClosingQuote(text, i + 1);
        value = text.slice(i + 1, endQuote).replace(/\\(.)/g, '$1');
        i = endQuote + 1;
      } else {
        const m = /^[^;,]*/.exec(text.slice(i));
        value = (m?.[0] ?? '').trim();
        i += m?.[0].length ?? 0;
      }
    }
    if (!(name in params)) params[name] = value;
  }
  return { params, end: text.length };
}

function findClosingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/** Same scheme, host and port. Default ports compare equal to explicit ones (URL.origin normalises them). */
export function isSameOrigin(href: URL, orgUrl: string): boolean {
  return href.origin !== 'null' && href.origin === new URL(orgUrl).origin && !href.username && !href.password;
}

/** The value of one query parameter, read from the raw URL without re-encoding anything. */
export function rawQueryParam(href: string, name: string): string | undefined {
  const query = href.split('#')[0]?.split('?')[1];
  if (!query) return undefined;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}

/**
 * Sets `name=value` in a URL's query, keeping every other byte verbatim: Okta asks clients to follow its links as
 * they are, and re-serialising through URLSearchParams would re-encode the cursor and expressions.
 */
export function withRawQueryParam(href: string, name: string, value: string): string {
  const [beforeHash = '', hash] = splitOnce(href, '#');
  const [base = '', query] = splitOnce(beforeHash, '?');
  const pairs = query ? query.split('&').filter((p) => p !== '') : [];
  const encoded = `${name}=${encodeURIComponent(value)}`;
  let replaced = false;
  const out = pairs.map((pair) => {
    const key = pair.split('=')[0];
    if (key !== name) return pair;
    replaced = true;
    return encoded;
  });
  if (!replaced) out.push(encoded);
  return `${base}?${out.join('&')}${hash === undefined ? '' : `#${hash}`}`;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
