// Runs once before the suite: rebuilds dist/okta.js and dist/sandbox.js when a source is newer than the bundle,
// so `npx vitest run` after an edit never tests yesterday's bundle (`npm test` builds first anyway).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

function stale(output: string, inputs: readonly string[]): boolean {
  const target = join(ROOT, output);
  if (!existsSync(target)) return true;
  const built = statSync(target).mtimeMs;
  return inputs.some((input) => existsSync(join(ROOT, input)) && newestMtime(join(ROOT, input)) > built);
}

export default async function setup(): Promise<void> {
  const config = (await import(join(ROOT, 'esbuild.config.mjs'))) as { buildIntegration(): Promise<unknown>; buildSandbox(): Promise<unknown> };
  if (stale('dist/okta.js', ['src', 'integration.yml', 'esbuild.config.mjs', 'scripts/stubs', 'scripts/yaml-plugin.mjs', 'package.json'])) {
    await config.buildIntegration();
  }
  if (stale('dist/sandbox.js', ['test/sandbox', 'src/okta/types.ts'])) await config.buildSandbox();
}
