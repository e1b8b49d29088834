// What the three listing children share: `node <child> <what> <value>`, the timing, the one JSON line
// { items, listMs, startedAtEpochMs, maxRssBytes, errors } on stdout, and the exit (keep-alive sockets would hold
// the process open until the server dropped them).
const { performance } = require('node:perf_hooks');

/** `listings[what](value)` resolves { items: number, errors?: string[] }; only that call is timed. */
function runListingChild(listings) {
  const [what, value] = process.argv.slice(2);
  const listing = listings[what];
  (async () => {
    if (!listing) throw new Error(`unknown listing ${what}`);
    const startedAtEpochMs = Date.now();
    const started = performance.now();
    const { items, errors = [] } = await listing(value);
    const listMs = performance.now() - started;
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(`${JSON.stringify({ items, listMs, startedAtEpochMs, maxRssBytes, errors })}\n`);
    process.exit(0);
  })().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}

module.exports = { runListingChild };
