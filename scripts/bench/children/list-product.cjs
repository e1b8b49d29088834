// One bulk listing through the product's library door, in a process of its own so its peak RSS is its own.
// usage: node list-product.cjs logs <limit> | members <groupId>      (OKTA_URL, OKTA_API_TOKEN)
const { execute } = require('../../../dist/okta.js');
const { runListingChild } = require('./listing-child.cjs');

const params = { url: process.env.OKTA_URL, credentials: { password: process.env.OKTA_API_TOKEN } };

async function run(command, args) {
  const entries = await execute({ command, args, params });
  const context = entries[0]?.EntryContext ?? {};
  const items = Object.values(context).reduce((n, value) => n + (Array.isArray(value) ? value.length : 0), 0);
  return { items, errors: entries.filter((e) => e.Type === 4).map((e) => String(e.Contents)) };
}

runListingChild({
  logs: (limit) => run('okta-get-logs', { limit }),
  members: (groupId) => run('okta-get-group-members', { groupId }),
});
