// Builds dist/okta.js: the whole integration in one minified CommonJS file for Node >= 18.
// `--sandbox` also builds dist/sandbox.js (a dev tool: its packages stay in node_modules).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildYaml } from './scripts/yaml-plugin.mjs';

const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));

// When axios loads it builds its fetch adapter (touching globalThis.fetch/Request/Response) and probes
// globalThis.FormData; on Node 18/20 those getters load the whole fetch stack (undici, http2, worker_threads:
// ~20 ms) before our first request. The client sends JSON over the http adapter only, so the bundle swaps the
// fetch adapter for a stand-in and skips the probe.
const FORM_DATA_PROBE = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
const axiosWithoutFetchStack = {
  name: 'axios-without-fetch-stack',
  setup(build) {
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      /axios[\\/]lib[\\/]adapters$/.test(args.resolveDir) ? { path: fileURLToPath(new URL('./scripts/stubs/axios-fetch-adapter.mjs', import.meta.url)) } : undefined,
    );
    build.onLoad({ filter: /axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(FORM_DATA_PROBE)) throw new Error('axios changed: update the FormData probe patch in esbuild.config.mjs');
      return { contents: source.replace(FORM_DATA_PROBE, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
  },
};

export async function buildIntegration({ metafile = false } = {}) {
  return build({
    entryPoints: ['src/main.ts'],
    outfile: 'dist/okta.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    metafile,
    define: { __VERSION__: JSON.stringify(pkg.version) },
    alias: {
      'form-data': './scripts/stubs/form-data.cjs',
      'follow-redirects': './scripts/stubs/follow-redirects.cjs',
      debug: './scripts/stubs/debug.cjs',
      http2: './scripts/stubs/http2.cjs',
    },
    plugins: [esbuildYaml, axiosWithoutFetchStack],
    logLevel: 'warning',
  });
}

export async function buildSandbox() {
  return build({
    entryPoints: ['test/sandbox/cli.ts'],
    outfile: 'dist/sandbox.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await buildIntegration({ metafile: process.argv.includes('--analyze') });
  if (result.metafile) console.log(await (await import('esbuild')).analyzeMetafile(result.metafile));
  if (process.argv.includes('--sandbox')) await buildSandbox();
}
