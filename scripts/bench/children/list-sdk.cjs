// The same bulk listing with @okta/okta-sdk-nodejs: the events or members collected into one array, as the
// product collects them, in a process of its own.
// usage: node list-sdk.cjs logs <limit> | members <groupId>      (OKTA_URL, OKTA_API_TOKEN)
// Prints one JSON line: { items, listMs, maxRssBytes, errors }.
const { performance } = require('node:perf_hooks');
const okta = require('@okta/okta-sdk-nodejs');

const PAGE = 1000;

async function collect(collection, limit) {
  const items = [];
  // A polling System Log query never ends by itself: the SDK yields null on an empty page and keeps its next link.
  for await (const item of collection) {
    if (!item) break;
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

const LISTINGS = {
  logs: async (client, limit) => collect(await client.systemLogApi.listLogEvents({ limit: PAGE }), Number(limit)),
  members: async (client, groupId) => collect(await client.groupApi.listGroupUsers({ groupId, limit: PAGE }), Number.POSITIVE_INFINITY),
};

async function main() {
  const [what, value] = process.argv.slice(2);
  const listing = LISTINGS[what];
  if (!listing) throw new Error(`unknown listing ${what}`);
  const client = new okta.Client({ orgUrl: process.env.OKTA_URL, token: process.env.OKTA_API_TOKEN });
  const started = performance.now();
  const items = await listing(client, value);
  const listMs = performance.now() - started;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ items: items.length, listMs, maxRssBytes, errors: [] })}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
