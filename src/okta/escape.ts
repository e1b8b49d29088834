// Values from users end up in URLs and in filter/search expressions; these two helpers keep them inert.

export type OktaPath = string & { readonly __oktaPath: unique symbol };

/**
 * Tagged template: every interpolated value is encodeURIComponent'ed as ONE path segment, so an id such as
 * `../../groups` or `a/b` can never change which endpoint is called.
 */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): OktaPath {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += segment(value) + (strings[i + 1] ?? '');
  });
  if (!out.startsWith('/')) throw new TypeError(`An Okta path must start with "/": ${out}`);
  return out as OktaPath;
}

function segment(value: string | number): string {
  const text = String(value);
  // An empty segment turns GET /users/{id} into a list call; "." and ".." (even as %2E) are resolved away by
  // URL parsing. None of them is a valid Okta id, so refuse rather than call a different endpoint.
  if (text === '' || text === '.' || text === '..') {
    throw new TypeError(`Not a valid Okta id or path value: "${text}"`);
  }
  return encodeURIComponent(text);
}

/** A JSON string literal for Okta filter/search expressions: quote('a"b\\c') === '"a\\"b\\\\c"'. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
