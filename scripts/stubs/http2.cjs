// axios's http adapter imports node:http2 (≈4 ms to load) for `httpVersion: 2` requests only. The client speaks
// HTTP/1.1, so the bundle gets this stand-in; any use of it fails loudly instead of silently.
const unavailable = () => {
  throw new Error('HTTP/2 is not used by this integration');
};
module.exports = { connect: unavailable, constants: {} };
