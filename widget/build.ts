import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// Builds the embeddable form into one minified script: `npm run build:widget`.

const here = dirname(fileURLToPath(import.meta.url));
export const WIDGET_SOURCE = join(here, 'src', 'widget.ts');
export const WIDGET_BUNDLE = join(here, 'dist', 'widget.js');

/** The minified widget; plain script (no module), for browsers from 2019 on. */
export async function bundleWidget(): Promise<string> {
  const result = await build({
    entryPoints: [WIDGET_SOURCE],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    write: false,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await bundleWidget();
  mkdirSync(dirname(WIDGET_BUNDLE), { recursive: true });
  writeFileSync(WIDGET_BUNDLE, code);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `widget/dist/widget.js: ${kb(Buffer.byteLength(code))} minified, ${kb(gzipSync(code, { level: 9 }).length)} gzipped`,
  );
}
