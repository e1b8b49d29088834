// The cold-start reference: the same GET okta-get-user sends, written with nothing but node's https module.
// usage: node minimal-get.cjs <https origin> <userId>   (token in OKTA_API_TOKEN)
const https = require('node:https');

const [origin, userId] = process.argv.slice(2);
const req = https.request(`${origin}/api/v1/users/${encodeURIComponent(userId)}`, {
  method: 'GET',
  headers: {
    Authorization: `SSWS ${process.env.OKTA_API_TOKEN}`,
    Accept: 'application/json',
    'Content-Type': 'application/json',
    'User-Agent': 'okta-bench-minimal',
  },
});
req.on('response', (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (body += chunk));
  res.on('end', () => {
    process.exitCode = res.statusCode === 200 && JSON.parse(body).id === userId ? 0 : 1;
  });
});
req.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
req.end();
