/**
 * A small static server for the end-to-end tests: the built app (dist/) at /, and the models
 * kept outside the repository (../shared/models, or SHARED_MODELS_DIR) at /shared-models/, for
 * the "bring your own model" tests, the test pages in e2e/fixtures/ at /fixtures/, and the app
 * once more at /isolated/ with the cross-origin isolation headers. Serving
 * the built files tests what users get, not the dev server's on-the-fly transforms.
 *
 * Usage: tsx e2e/server.ts [--port 4173] [--root dist]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** test pages that embed the app (issue 7's course page), served at /fixtures/ */
const fixturesDir = join(repoRoot, 'e2e', 'fixtures');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // tfjs-backend-wasm compiles by streaming, which requires this exact type
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.gz': 'application/octet-stream',
};

export interface ServerOptions {
  port: number;
  /** folder served at / */
  root: string;
  /** folder served at /shared-models/, when it exists */
  sharedModels: string;
}

/** The file a URL path names inside `folder`, or null when it escapes it or is no file. */
export function resolveInside(folder: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  let path = normalize(join(folder, decoded));
  if (path !== folder && !path.startsWith(folder + sep)) return null;
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

/**
 * CORS for one origin only: the course page fixture, opened on localhost, loads the custom
 * element, its worker and models from 127.0.0.1, as a course site would from the explorer's own
 * site. Pages on 127.0.0.1 get no CORS header from localhost (the own-image tests rely on that).
 */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (origin === undefined || !URL.canParse(origin)) return {};
  if (new URL(origin).hostname !== 'localhost') return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** What a host that makes pages cross-origin isolated sends (SharedArrayBuffer available). */
const CROSS_ORIGIN_ISOLATION: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function send(
  res: ServerResponse,
  file: string,
  method: string,
  origin: string | undefined,
  isolated: boolean,
): void {
  res.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-store',
    ...corsHeaders(origin),
    ...(isolated ? CROSS_ORIGIN_ISOLATION : {}),
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

export function startServer(options: ServerOptions): ReturnType<typeof createServer> {
  const root = resolve(options.root);
  const sharedModels = resolve(options.sharedModels);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    // /isolated/...: the app again, as a host serving it cross-origin isolated would
    const isolated = urlPath.startsWith('/isolated/');
    const file = urlPath.startsWith('/shared-models/')
      ? resolveInside(sharedModels, urlPath.slice('/shared-models'.length))
      : urlPath.startsWith('/fixtures/')
        ? resolveInside(fixturesDir, urlPath.slice('/fixtures'.length))
        : resolveInside(root, isolated ? urlPath.slice('/isolated'.length) : urlPath);
    if (file) send(res, file, method, req.headers.origin, isolated);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${urlPath}\n`);
  });
  server.listen(options.port, '127.0.0.1');
  return server;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4173' },
      root: { type: 'string', default: join(repoRoot, 'dist') },
    },
  });
  const root = resolve(values.root);
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`e2e server: ${root}/index.html is missing; run \`npx vite build\` first`);
    process.exit(1);
  }
  const sharedModels = process.env.SHARED_MODELS_DIR ?? join(repoRoot, '..', 'shared', 'models');
  const port = Number(values.port);
  const server = startServer({ port, root, sharedModels });
  server.on('listening', () => {
    console.log(`e2e server: http://127.0.0.1:${port}/ serving ${root}`);
    console.log(`e2e server: /shared-models/ -> ${sharedModels}`);
  });
  server.on('error', (error) => {
    console.error(`e2e server: ${error.message}`);
    process.exit(1);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
