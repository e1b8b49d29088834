// Builds dist/okta.js: the whole integration in one minified CommonJS file for Node >= 18 (the core inside it as
// text, see coreAsText).
// `--sandbox` also builds dist/sandbox.js (a dev tool: its packages stay in node_modules).
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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

const MANIFEST = fileURLToPath(new URL('./src/runtime/manifest.ts', import.meta.url));
const CORE_ENTRY = fileURLToPath(new URL('./src/runtime/dispatcher.ts', import.meta.url));
const CORE_LOADER = fileURLToPath(new URL('./src/runtime/core.ts', import.meta.url));
const SHARED_MANIFEST = 'okta:manifest';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: true,
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  alias: {
    'form-data': './scripts/stubs/form-data.cjs',
    'follow-redirects': './scripts/stubs/follow-redirects.cjs',
    debug: './scripts/stubs/debug.cjs',
    http2: './scripts/stubs/http2.cjs',
  },
  logLevel: 'warning',
};

// The core (dispatcher, commands, zod, axios) uses the manifest module of the outer file instead of a copy of it.
const manifestFromOuterFile = {
  name: 'manifest-from-outer-file',
  setup(build) {
    build.onResolve({ filter: /manifest$/ }, (args) =>
      resolve(args.resolveDir, `${args.path}.ts`) === MANIFEST ? { path: SHARED_MANIFEST, external: true } : undefined,
    );
  },
};

/**
 * The core is compiled on its own and embedded in dist/okta.js as a string, compiled only when a command runs:
 * V8 must pre-parse every function of a script before running it, and for --help that was most of the start-up.
 * vm.compileFunction keeps the core's own line/column positions, so its source map (okta-core.js.map) applies;
 * stack traces name it okta.js#core.
 */
function coreAsText(core) {
  return {
    name: 'core-as-text',
    setup(build) {
      build.onResolve({ filter: /^\.\/dispatcher$/ }, (args) => (args.importer === CORE_LOADER ? { path: 'core', namespace: 'okta-core' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'okta-core' }, () => ({
        resolveDir: dirname(MANIFEST),
        loader: 'js',
        contents: `const { compileFunction } = require('node:vm');
const { join } = require('node:path');
const shared = { ${JSON.stringify(SHARED_MANIFEST)}: require('./manifest') };
const unit = { exports: {} };
const body = ${JSON.stringify(core)};
compileFunction(body, ['module', 'exports', 'require'], { filename: join(__dirname, 'okta.js#core') })(unit, unit.exports, (id) => shared[id] ?? require(id));
module.exports = unit.exports;`,
      }));
    },
  };
}

async function buildCore(metafile) {
  const result = await build({
    ...common,
    entryPoints: [CORE_ENTRY],
    outfile: 'dist/okta-core.js',
    sourcemap: 'linked',
    write: false,
    metafile,
    plugins: [esbuildYaml, axiosWithoutFetchStack, manifestFromOuterFile],
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  await mkdir('dist', { recursive: true });
  if (map) await writeFile(map.path, map.contents);
  return { code: code.text, metafile: result.metafile };
}

export async function buildIntegration({ metafile = false } = {}) {
  const core = await buildCore(metafile);
  const outer = await build({
    ...common,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/okta.js',
    sourcemap: true,
    metafile,
    plugins: [esbuildYaml, coreAsText(core.code)],
  });
  return { core: core.metafile, outer: outer.metafile };
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

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const result = await buildIntegration({ metafile: process.argv.includes('--analyze') });
  const { analyzeMetafile } = await import('esbuild');
  if (result.outer) console.log(`dist/okta.js (the outer file; the core is the okta-core string in it):\n${await analyzeMetafile(result.outer)}`);
  if (result.core) console.log(`The core (embedded):\n${await analyzeMetafile(result.core)}`);
  if (process.argv.includes('--sandbox')) await buildSandbox();
}
