import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The dashboard is a client of the hub's API and nothing else. In development `npm run dev -w @hub/web`
// serves it on :5173 and forwards /api to a hub on HUB_URL (default http://localhost:4000), so the
// session cookie stays same-origin; in production the hub serves dist/ itself at /.
const hub = process.env.HUB_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [
    react(),
    // Every asset also as .br and .gz beside it (when that is smaller); the hub sends the one the
    // browser accepts, so nothing is compressed per request.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
  ],
  // Workspace packages (the vocabulary) are compiled from their TypeScript sources.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { port: 5173, proxy: { '/api': hub, '/health': hub } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks: React, Ant Design and ECharts change far less often than the
        // screens. React has its own so that ECharts (with echarts-for-react) is loaded only by the
        // overview's charts, not by every screen.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            {
              name: 'echarts',
              test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
              priority: 2,
            },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component)/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    name: '@hub/web',
    environment: 'jsdom',
    include: ['src/**/*.spec.tsx', 'src/**/*.spec.ts'],
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
  },
});
