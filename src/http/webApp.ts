import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:web` writes the web app. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>leadflow</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>leadflow</h1>
<p>The web app has not been built yet. Run <code>npm run build:web</code> (or <code>npm start</code>,
which builds it when needed), then reload this page.</p>
<p>The API is running: see <a href="/docs">/docs</a>.</p>
</body></html>
`;

/** A file of the build under `root`, or undefined (also for paths that try to leave it). */
function builtFileOf(root: string, urlPath: string): string | undefined {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  if (!relative) return undefined;
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(root + path.sep)) return undefined;
  try {
    return statSync(absolute).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the single-page web app: its built files, and index.html for every other GET outside
 * /api, so that the client-side router answers deep links. /api paths keep their problem+json 404.
 */
export async function registerWebApp(app: FastifyInstance, distDir = DEFAULT_WEB_DIST_DIR): Promise<void> {
  const root = path.resolve(distDir);
  await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { schema: { hide: true }, config: { access: 'public' } }, (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '/';
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return reply.callNotFound();
    if (!existsSync(path.join(root, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT_PAGE);
    }
    let file: string | undefined;
    try {
      file = builtFileOf(root, urlPath);
    } catch {
      file = undefined; // a malformed %-escape: not a file of ours
    }
    // Built assets carry a content hash in their names, so they never change.
    if (file?.startsWith('assets/')) return reply.sendFile(file, { maxAge: '365d', immutable: true });
    if (file) return reply.sendFile(file, { maxAge: 0 });
    if (urlPath.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
  });
}
