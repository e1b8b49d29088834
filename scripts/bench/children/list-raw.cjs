// The floor for a bulk listing: node's http module, one keep-alive socket, JSON.parse per page, next links
// followed, nothing else. What the sandbox itself costs shows here; a client cannot be faster than this.
// usage: node list-raw.cjs logs <limit> | members <groupId>      (OKTA_URL, OKTA_API_TOKEN)
const http = require('node:http');
const { runListingChild } = require('./listing-child.cjs');

const PAGE = 1000;
const MAX_PAGES = 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { Authorization: `SSWS ${process.env.OKTA_API_TOKEN}`, Accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${url} answered ${res.statusCode}`));
        const link = [res.headers.link ?? []].flat().join(', ');
        resolve({ items: JSON.parse(body), next: /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] });
      });
    });
    req.on('error', reject);
  });
}

async function list(first, limit) {
  const items = [];
  let url = first;
  for (let page = 0; url && page < MAX_PAGES && items.length < limit; page++) {
    const res = await get(url);
    if (res.items.length === 0) break;
    items.push(...res.items.slice(0, limit - items.length));
    url = res.next;
  }
  return { items: items.length };
}

runListingChild({
  logs: (limit) => list(`${process.env.OKTA_URL}/api/v1/logs?limit=${PAGE}`, Number(limit)),
  members: (groupId) => list(`${process.env.OKTA_URL}/api/v1/groups/${groupId}/users?limit=${PAGE}`, Number.POSITIVE_INFINITY),
});
