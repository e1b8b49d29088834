// Bundle size and where its bytes come from, from esbuild's metafile: per package, and what each runtime
// dependency adds (the bytes that would disappear if nothing imported it, its own dependencies included).
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIntegration } from '../../esbuild.config.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OUTFILE = 'dist/okta.js';
// The core (dispatcher, commands, axios, zod) is built on its own and embedded in dist/okta.js as a string.
const CORE_OUTFILE = 'dist/okta-core.js';
const CORE_ENTRY = 'src/runtime/dispatcher.ts';

/** `node_modules/axios/lib/x.js` → `axios`; nested copies keep their parent: `axios/node_modules/agent-base`. */
export function packageOf(input) {
  const parts = input.split('/');
  const names = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== 'node_modules') continue;
    const scoped = parts[i + 1]?.startsWith('@');
    names.push(scoped ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1]);
  }
  if (names.length) return names.join('/node_modules/');
  if (input.startsWith('src/')) return 'src (the integration)';
  return input;
}

/** Bytes per package, largest first. */
export function bytesByPackage(outputInputs) {
  const totals = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(outputInputs)) {
    const name = packageOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Bytes only `dependency` brings in: modules reachable from the entry that become unreachable when the package's
 * own modules are not followed (its files plus everything nothing else imports).
 */
export function bytesAddedBy(dependency, metafile, entry, outfile = OUTFILE) {
  const inputs = metafile.inputs;
  const output = metafile.outputs[outfile].inputs;
  const reach = (blocked) => {
    const seen = new Set();
    const stack = [entry];
    while (stack.length) {
      const file = stack.pop();
      if (seen.has(file) || blocked(file)) continue;
      seen.add(file);
      for (const imported of inputs[file]?.imports ?? []) if (imported.path in inputs) stack.push(imported.path);
    }
    return seen;
  };
  const all = reach(() => false);
  const without = reach((file) => packageOf(file) === dependency);
  let bytes = 0;
  for (const file of all) if (!without.has(file)) bytes += output[file]?.bytesInOutput ?? 0;
  return bytes;
}

/** What a package costs bundled on its own (minified), e.g. the form-data the stub keeps out. */
async function standaloneBytes(entryModule) {
  const result = await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(entryModule)});`, resolveDir: REPO },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents.byteLength;
}

export async function analyseBundle() {
  const { core, outer } = await buildIntegration({ metafile: true });
  const bytes = statSync(new URL(`../../${OUTFILE}`, import.meta.url)).size;
  // The outer file's inputs, minus the embedded core text (counted by its own inputs instead).
  const outerInputs = Object.fromEntries(Object.entries(outer.outputs[OUTFILE].inputs).filter(([input]) => !input.startsWith('okta-core:')));
  const packages = bytesByPackage({ ...outerInputs, ...core.outputs[CORE_OUTFILE].inputs });
  const added = Object.fromEntries(['axios', 'zod', 'https-proxy-agent', 'proxy-from-env'].map((dep) => [dep, bytesAddedBy(dep, core, CORE_ENTRY, CORE_OUTFILE)]));
  return {
    bytes,
    packages,
    added,
    formDataStandaloneBytes: await standaloneBytes('form-data'),
  };
}
