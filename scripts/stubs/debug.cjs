// The proxy agents log through the `debug` package when DEBUG=* is set, which would print request details
// (proxy URLs, headers) to stderr behind our redaction. The bundle gets this silent stand-in instead.
function createDebug() {
  const log = () => {};
  log.enabled = false;
  log.extend = createDebug;
  return log;
}
createDebug.enable = () => {};
createDebug.disable = () => '';
createDebug.enabled = () => false;
module.exports = createDebug;
module.exports.default = createDebug;
