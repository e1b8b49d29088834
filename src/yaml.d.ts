// integration.yml is turned into JSON at build time (esbuild plugin) and test time (vite plugin),
// so the bundle carries the manifest without a YAML parser.
declare module '*.yml' {
  const value: unknown;
  export default value;
}
