import { defineConfig, type Plugin } from 'vite';
import { ROUTES } from './src/routes';

// routesFile writes dist/routes.json, the paths the Go server answers with
// index.html (src/routes.ts is their one definition).
function routesFile(): Plugin {
  return {
    name: 'voicemap-routes',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'routes.json', source: JSON.stringify(ROUTES.map((r) => r.path)) });
    },
  };
}

export default defineConfig({
  plugins: [routesFile()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // No data: URLs (fonts, images): the CSP allows fonts only from the server itself.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    rollupOptions: {
      // Two pages: the dashboard, and the survey respondent's page, a small
      // entry of its own (no sigma, MapLibre or GraphiQL) served at /respond.
      input: { index: 'index.html', respond: 'respond.html' },
      // GraphiQL's React components carry "use client" directives, meaningless here.
      onwarn(warning: { code?: string }, warn: (w: unknown) => void) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:8080', '/schema.graphql': 'http://127.0.0.1:8080' } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
} as never);
