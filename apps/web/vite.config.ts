import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The dashboard is a client of the hub's API and nothing else. In development `npm run dev -w @hub/web`
// serves it on :5173 and forwards /api to a hub on HUB_URL (default http://localhost:4000), so the
// session cookie stays same-origin; in production the hub serves dist/ itself at /.
const hub = process.env.HUB_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': hub, '/health': hub } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks: ECharts and Ant Design change far less often than the screens.
        advancedChunks: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component)/ },
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
