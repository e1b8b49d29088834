// One bulk listing through the product's library door, in a process of its own so its peak RSS is its own.
// usage: node list-product.cjs logs <limit> | members <groupId>      (OKTA_URL, OKTA_API_TOKEN)
// Prints one JSON line: { items, listMs, startedAtEpochMs, maxRssBytes, errors }.
const { performance } = require('node:perf_hooks');
const { execute } = require('../../../dist/okta.js');

const REQUESTS = {
  logs: (limit) => ({ command: 'okta-get-logs', args: { limit } }),
  members: (groupId) => ({ command: 'okta-get-group-members', args: { groupId } }),
};

async function main() {
  const [what, value] = process.argv.slice(2);
  const request = REQUESTS[what]?.(value);
  if (!request) throw new Error(`unknown listing ${what}`);
  const params = { url: process.env.OKTA_URL, credentials: { password: process.env.OKTA_API_TOKEN } };
  const startedAtEpochMs = Date.now();
  const started = performance.now();
  const entries = await execute({ ...request, params });
  const listMs = performance.now() - started;
  const context = entries[0]?.EntryContext ?? {};
  const items = Object.values(context).reduce((n, value) => n + (Array.isArray(value) ? value.length : 0), 0);
  const errors = entries.filter((e) => e.Type === 4).map((e) => String(e.Contents));
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ items, listMs, startedAtEpochMs, maxRssBytes, errors })}\n`);
  // keep-alive sockets would hold the process open until the server drops them
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
