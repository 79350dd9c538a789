// Builds the Crewdesk tab (React + Fluent UI v9) into tab/dist, which the server serves under /tab/.
// `npm run build:tab` runs this config; `npx vite --config tab/vite.config.ts` serves it for
// development and forwards /api to a local server (PORT, default 3978).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command, mode }) => {
  // A build is for production even when the caller's NODE_ENV says otherwise (vitest sets "test",
  // and a test may rebuild a stale tab from inside it): Vite would then ship React's development
  // build, a third larger and slower. Vite reads NODE_ENV after loading this file;
  // `vite build --mode development` still gives a development build on purpose.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
    root: tabRoot,
    base: '/tab/',
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Teams desktop (WebView2), Teams mobile and current browsers all run ES2022.
      target: 'es2022',
      reportCompressedSize: false,
      // Measured: React DOM about 210 kB, Fluent UI (three Teams themes included) about 330 kB,
      // teams-js 40 kB: about 800 kB minified in two shared chunks. The views (week, schedule,
      // rotation, editor, RHT report) are lazy chunks of 5–40 kB each, loaded when first opened.
      chunkSizeWarningLimit: 800,
    },
    server: {
      proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? '3978'}` },
    },
  };
});
