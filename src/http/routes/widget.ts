import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { sendProblem } from '../problem.ts';

const WIDGET_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'widget');
const BUNDLE_PATH = join(WIDGET_DIR, 'dist', 'widget.js');

type Bundle = { code: string; etag: string };

/** The built widget, or a build made now when there is none (a checkout without `build:widget`). */
async function loadBundle(bundlePath: string): Promise<Bundle | undefined> {
  let code: string;
  try {
    code = await readFile(bundlePath, 'utf8');
  } catch {
    try {
      // The builder (esbuild) is a development dependency: a production install builds beforehand.
      const builder = (await import(join(WIDGET_DIR, 'build.ts'))) as { bundleWidget: () => Promise<string> };
      code = await builder.bundleWidget();
    } catch {
      return undefined;
    }
  }
  return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
}

/** GET /widget.js: the embeddable capture form, for any site to load. */
export const widgetRoutes: FastifyPluginAsync<{ bundlePath?: string }> = async (app, options) => {
  let bundle: Promise<Bundle | undefined> | undefined;

  app.get(
    '/widget.js',
    {
      config: { access: 'public' },
      // A static asset, like the web app's files: not part of the API description.
      schema: { hide: true },
    },
    async (request, reply) => {
      bundle ??= loadBundle(options.bundlePath ?? BUNDLE_PATH);
      const current = await bundle;
      if (!current) {
        bundle = undefined;
        return sendProblem(reply, 503, 'unavailable', 'The widget is not built: run `npm run build:widget`.');
      }
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        // Short-lived, so a new version reaches pages within the hour; the ETag makes revalidation cheap.
        .header('cache-control', 'public, max-age=3600')
        .header('etag', current.etag)
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === current.etag) return reply.code(304).send();
      return reply.send(current.code);
    },
  );
};
