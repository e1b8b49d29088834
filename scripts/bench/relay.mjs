// A TLS front for the plain-HTTP sandbox that notes when the first decrypted byte of each connection arrives,
// i.e. the first byte of the HTTP request: "process start → first request byte at the sandbox" is then measured
// on one clock (this process's), over real HTTPS with certificate verification on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';

async function certificate() {
  const selfsigned = await import('selfsigned');
  const generate = selfsigned.generate ?? selfsigned.default.generate;
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Listens on 127.0.0.1 and pipes every connection to `target` (http://127.0.0.1:port).
 * Resolves { url, caFile, waitForFirstByte(), close() }; `waitForFirstByte()` resolves the performance.now() of the
 * next connection's first request byte.
 */
export async function startRelay(target) {
  const { key, cert } = await certificate();
  const caFile = join(mkdtempSync(join(tmpdir(), 'okta-bench-')), 'relay-ca.pem');
  writeFileSync(caFile, cert);
  const upstream = new URL(target);
  const waiters = [];
  const server = tls.createServer({ key, cert }, (client) => {
    const backend = net.connect(Number(upstream.port), upstream.hostname);
    client.once('data', () => waiters.shift()?.(performance.now()));
    client.pipe(backend).pipe(client);
    const end = () => {
      client.destroy();
      backend.destroy();
    };
    client.on('error', end);
    backend.on('error', end);
    client.on('close', end);
    backend.on('close', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${server.address().port}`,
    caFile,
    waitForFirstByte: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
