import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One runner for the whole tree: unit and module tests beside their sources, end-to-end tests in test/.
// Workspace packages resolve to their TypeScript sources through the "source" export condition, so no
// build is needed; swc emits the decorator metadata NestJS injection relies on.
const shared = {
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      ...['contracts', 'vocabulary', 'rules', 'connectors', 'registry', 'reports'].map((name) => ({
        ...shared,
        test: {
          name: `@hub/${name}`,
          root: `packages/${name}`,
          include: ['src/**/*.spec.ts'],
          globals: true,
        },
      })),
      ...['sandbox', 'hub'].map((name) => ({
        ...shared,
        test: {
          name: `@hub/${name}`,
          root: `apps/${name}`,
          include: ['src/**/*.spec.ts'],
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          ...(name === 'hub' ? { globalSetup: ['../../test/support/postgres.global-setup.ts'] } : {}),
        },
      })),
      // The dashboard: its own Vite config (React, jsdom) carries the test settings.
      'apps/web/vite.config.ts',
      {
        ...shared,
        test: {
          name: 'e2e',
          root: 'test',
          include: ['**/*.e2e-spec.ts'],
          globals: true,
          globalSetup: ['./support/postgres.global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
