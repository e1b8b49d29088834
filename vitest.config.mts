import { defineConfig } from 'vitest/config';
// @ts-expect-error plain ESM helper without types
import { viteYaml } from './scripts/yaml-plugin.mjs';

export default defineConfig({
  plugins: [viteYaml],
  define: { __VERSION__: JSON.stringify('test') },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
