// One YAML → JSON module transform shared by esbuild (the bundle) and vite (vitest).
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';

// A JSON.parse of a string literal compiles much faster than the same data as an object literal (V8's JSON
// parser skips the JavaScript parser), which keeps the bundle's start-up, and so --help, quick.
export const yamlToModule = (text) => `export default JSON.parse(${JSON.stringify(JSON.stringify(YAML.parse(text)))});`;

export const esbuildYaml = {
  name: 'yaml',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, async (args) => ({
      contents: yamlToModule(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

export const viteYaml = {
  name: 'yaml',
  transform(code, id) {
    if (!/\.ya?ml$/.test(id)) return null;
    return { code: yamlToModule(code), map: null };
  },
};
