import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The dev server's React Refresh preamble is an inline module script, which the strict CSP
// in index.html refuses. Relax script-src for `vite` (serve) only; builds keep the strict CSP.
function devCspRelax(): Plugin {
  return {
    name: 'counterflow:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

// The renderer is served by Vite in browser mode and loaded from app:// by Electron,
// so every URL in the build is relative (base './') and the output lands in dist/.
export default defineConfig({
  root: here('./renderer'),
  base: './',
  // Files copied to dist/ as they are: the app icon (favicon, and the Electron window icon).
  publicDir: here('./renderer/public'),
  plugins: [react(), devCspRelax()],
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Mantine + icons make one large vendor chunk; that is fine for a local app.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    strictPort: true,
    // The renderer imports shared/ from outside its root.
    fs: { allow: [here('.')] },
  },
  preview: { port: 5173, strictPort: true },
});
