// The operator dashboard: a static single-page app the webhook serves at `/`. In development
// (`pnpm --filter @hookline/dashboard dev`) /api goes to the local webhook on PORT (default 3000).
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? '3000'}`, changeOrigin: false } },
  },
});
