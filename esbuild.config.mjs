// Builds dist/okta.js: the whole integration in one minified CommonJS file for Node >= 18.
// `--sandbox` also builds dist/sandbox.js (a dev tool: its packages stay in node_modules).
import { build } from 'esbuild';
import { esbuildYaml } from './scripts/yaml-plugin.mjs';

const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('./package.json', import.meta.url), 'utf8'));

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
    alias: { 'form-data': './scripts/stubs/form-data.cjs' },
    plugins: [esbuildYaml],
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
