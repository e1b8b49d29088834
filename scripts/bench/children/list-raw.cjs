// The floor for a bulk listing: node's http module, one keep-alive socket, JSON.parse per page, next links
// followed, nothing else. What the sandbox itself costs shows here; a client cannot be faster than this.
// usage: node list-raw.cjs logs <limit> | members <groupId>      (OKTA_URL, OKTA_API_TOKEN)
// Prints one JSON line: { items, listMs, maxRssBytes, errors }.
const http = require('node:http');
const { performance } = require('node:perf_hooks');

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

const FIRST_URL = {
  logs: (origin) => `${origin}/api/v1/logs?limit=${PAGE}`,
  members: (origin, groupId) => `${origin}/api/v1/groups/${groupId}/users?limit=${PAGE}`,
};

async function main() {
  const [what, value] = process.argv.slice(2);
  const first = FIRST_URL[what];
  if (!first) throw new Error(`unknown listing ${what}`);
  const limit = what === 'logs' ? Number(value) : Number.POSITIVE_INFINITY;
  const started = performance.now();
  const items = [];
  let url = first(process.env.OKTA_URL, value);
  for (let page = 0; url && page < MAX_PAGES && items.length < limit; page++) {
    const res = await get(url);
    if (res.items.length === 0) break;
    items.push(...res.items.slice(0, limit - items.length));
    url = res.next;
  }
  const listMs = performance.now() - started;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ items: items.length, listMs, maxRssBytes, errors: [] })}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
