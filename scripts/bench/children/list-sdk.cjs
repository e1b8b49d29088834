// The same bulk listing with @okta/okta-sdk-nodejs: the events or members collected into one array, as the
// product collects them, in a process of its own.
// usage: node list-sdk.cjs logs <limit> | members <groupId>      (OKTA_URL, OKTA_API_TOKEN)
const okta = require('@okta/okta-sdk-nodejs');
const { runListingChild } = require('./listing-child.cjs');

const PAGE = 1000;
const client = new okta.Client({ orgUrl: process.env.OKTA_URL, token: process.env.OKTA_API_TOKEN });

async function collect(collection, limit) {
  const items = [];
  // A polling System Log query never ends by itself: the SDK yields null on an empty page and keeps its next link.
  for await (const item of collection) {
    if (!item) break;
    items.push(item);
    if (items.length >= limit) break;
  }
  return { items: items.length };
}

runListingChild({
  logs: async (limit) => collect(await client.systemLogApi.listLogEvents({ limit: PAGE }), Number(limit)),
  members: async (groupId) => collect(await client.groupApi.listGroupUsers({ groupId, limit: PAGE }), Number.POSITIVE_INFINITY),
});
