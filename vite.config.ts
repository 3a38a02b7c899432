import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createReadStream, existsSync, statSync, cpSync } from 'node:fs';
import { join, resolve, normalize, sep } from 'node:path';
import { PRECACHE_GLOBS, PRECACHE_IGNORES, RUNTIME_CACHES } from './scripts/lib/offlineCaching';

const modelsDir = resolve(__dirname, 'models');

/** Serves the top-level models/ folder at /models/ in dev and copies it into the build. */
function serveModels(): Plugin {
  return {
    name: 'serve-models',
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const path = normalize(
          join(modelsDir, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')),
        );
        if (!path.startsWith(modelsDir + sep) || !existsSync(path) || !statSync(path).isFile()) {
          next();
          return;
        }
        res.setHeader(
          'Content-Type',
          path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        createReadStream(path).pipe(res);
      });
    },
    writeBundle(options) {
      const outDir = options.dir ?? resolve(__dirname, 'dist');
      if (existsSync(modelsDir)) cpSync(modelsDir, join(outDir, 'models'), { recursive: true });
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [
    react(),
    serveModels(),
    // issue 19: offline and installable. Workbox precaches every page, script, style, wasm
    // binary, model and test set the build holds (globs: pages added later are included);
    // data fetched on demand is kept at its first use (scripts/lib/offlineCaching.ts).
    // No skipWaiting: pages keep the files of their version until the user updates
    // (src/app/serviceWorker.ts), so old and new files never mix.
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: [],
      includeManifestIcons: false,
      manifest: {
        name: 'Adversarial Explorer',
        short_name: 'Adversarial',
        description:
          'Re-run Goodfellow, Shlens & Szegedy (2015), Explaining and Harnessing Adversarial Examples, live in the browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#2456c8',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: PRECACHE_GLOBS,
        globIgnores: PRECACHE_IGNORES,
        // the largest precached file is a 4.8 MB maxout model's weights
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // Vite's assets/ names carry their content hash: no revision of their own
        dontCacheBustURLsMatching: /^assets\//,
        // embed.html?view=... and index.html?model=... are the precached pages
        ignoreURLParametersMatching: [/.*/],
        navigateFallback: null,
        cleanupOutdatedCaches: true,
        runtimeCaching: RUNTIME_CACHES,
      },
    }),
  ],
  worker: { format: 'es' },
  // the engine's tfjs without the WebGL backend, the converter and tfjs-data, which load when
  // needed: every engine worker parses less before it answers (src/engine/worker/tfjsLean.ts)
  resolve: {
    alias: [
      {
        find: /^@tensorflow\/tfjs$/,
        replacement: resolve(__dirname, 'src/engine/worker/tfjsLean.ts'),
      },
    ],
  },
  // Pre-bundle the worker's dependencies up front, so the dev server does not reload the page
  // the first time the worker imports them.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-converter',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-webgl',
      'comlink',
    ],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: resolve(__dirname, 'index.html'),
        // issue 7: the compact explorer for iframes, and the <adversarial-explorer> element
        embed: resolve(__dirname, 'embed.html'),
        // issue 18: the guided tour of the paper, its figures computed by the same engine
        tour: resolve(__dirname, 'tour.html'),
        element: resolve(__dirname, 'src/embed/element.ts'),
      },
      output: {
        // the custom element keeps a stable name: course pages link to lib/adversarial-explorer.js
        entryFileNames: (chunk) =>
          chunk.name === 'element' ? 'lib/adversarial-explorer.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
