#!/usr/bin/env node
// Runs before `npm start`: builds the web app (web/dist) when it is missing or older than its
// sources, so that `npm ci && npm start` shows the app. A failed build does not stop the server:
// it then answers / with a page that says how to build the app.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');
const sources = [
  path.join(web, 'src'),
  path.join(web, 'public'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
];

/** The newest modification time of a file or of any file under a folder. */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

if (process.env.LEADFLOW_SKIP_WEB_BUILD === 'true') process.exit(0);
if (!existsSync(path.join(web, 'src'))) process.exit(0);

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt && builtAt >= changedAt) process.exit(0);

console.log(builtAt ? 'The web app changed: building it…' : 'Building the web app (first start)…');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  console.warn('vite is not installed (run npm ci): the web app is not built.');
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (result.status !== 0) console.warn('The web app failed to build; the server starts without it.');
