// axios's http adapter imports follow-redirects (and through it assert and debug) for requests that may be
// redirected. The client sets maxRedirects: 0 — a redirect must never carry the token to another host — so axios
// uses node's own http/https and this stand-in is never called.
const refuse = () => {
  throw new Error('redirects are not followed by this integration');
};
module.exports = { http: { request: refuse }, https: { request: refuse } };
