#!/usr/bin/env node
// Builds the web app (apps/web) with Vite into dist/web, which the API serves under /app,
// and measures the JavaScript a first visit loads (gzipped). `--api-types [--api URL]`
// instead regenerates apps/web/src/lib/api/schema.gen.ts from a running API's OpenAPI
// document (test/browser/api-types.spec.ts fails while the committed file is stale).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'apps', 'web');
const outDir = path.join(root, 'dist', 'web');
const API_TYPES = path.join(webDir, 'src', 'lib', 'api', 'schema.gen.ts');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/web is missing or older than a file of apps/web (its sources, index.html, config). */
function isWebStale() {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const builtAt = fs.statSync(index).mtimeMs;
  const inputs = [path.join(webDir, 'src'), path.join(webDir, 'index.html'), path.join(webDir, 'vite.config.ts'), __filename];
  return inputs.some((input) => (fs.statSync(input).isDirectory() ? newestSource(input) : fs.statSync(input).mtimeMs) > builtAt);
}

/** The scripts and module preloads index.html loads up front, gzipped and summed. */
function initialJavaScript() {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/app\/([^"]+\.js)"/g)].map((match) => match[1]);
  const sizes = files.map((file) => {
    const content = fs.readFileSync(path.join(outDir, file));
    return { file, bytes: content.length, gzipBytes: zlib.gzipSync(content, { level: 9 }).length };
  });
  return { files: sizes, gzipBytes: sizes.reduce((sum, size) => sum + size.gzipBytes, 0) };
}

/** Runs `vite build` for apps/web; returns the initial JavaScript's size, also kept in dist/web/bundle-size.json. */
function buildWeb() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`the web app's build failed (vite exit ${run.status})`);
  const initial = initialJavaScript();
  fs.writeFileSync(path.join(outDir, 'bundle-size.json'), `${JSON.stringify(initial, null, 2)}\n`);
  return initial;
}

/** TypeScript types of an OpenAPI document, as openapi-typescript prints them. */
function generateApiTypes(document) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-openapi-'));
  try {
    const input = path.join(dir, 'openapi.json');
    const output = path.join(dir, 'schema.gen.ts');
    fs.writeFileSync(input, JSON.stringify(document));
    const cli = path.join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    const run = spawnSync(process.execPath, [cli, input, '--output', output, '--silent'], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`openapi-typescript failed: ${run.stderr}`);
    const header = "// Generated from the API's OpenAPI document by `npm run web:api-types` (scripts/build-web.js): do not edit.\n";
    return header + fs.readFileSync(output, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { buildWeb, isWebStale, generateApiTypes, API_TYPES };

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--api-types')) {
    const at = args.indexOf('--api');
    const api = at >= 0 ? args[at + 1] : `http://localhost:${process.env.PORT || 3000}`;
    const response = await fetch(`${api}/docs-json`);
    if (!response.ok) throw new Error(`${api}/docs-json answered ${response.status}: is the API running (npm start)?`);
    fs.writeFileSync(API_TYPES, generateApiTypes(await response.json()));
    process.stderr.write(`[accord] wrote ${path.relative(root, API_TYPES)} from ${api}/docs-json\n`);
    return;
  }
  const started = Date.now();
  const initial = buildWeb();
  process.stderr.write(
    `[accord] built the web app into dist/web in ${Date.now() - started} ms; initial JavaScript ${(initial.gzipBytes / 1024).toFixed(1)} kB gzipped\n`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`[accord] ${error.message}\n`);
    process.exitCode = 1;
  });
}
