import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, statSync, cpSync } from 'node:fs';
import { join, resolve, normalize, sep } from 'node:path';

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
  plugins: [react(), serveModels()],
  worker: { format: 'es' },
  // Pre-bundle the worker's dependencies up front, so the dev server does not reload the page
  // the first time the worker imports them.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
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
