#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ with swc (about a second, where tsc takes
// tens). `@accord/*` imports are rewritten to relative paths, so the output runs on
// plain Node. Type checking is a separate step (`npm run typecheck`, part of `npm test`).
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./aliases');

const SOURCE_DIRS = ['apps', 'libs', 'workflows'];
const outDir = path.join(root, 'dist');
// The web app is built by Vite (scripts/build-web.js) into dist/web, not by swc.
const WEB_APP = path.join(root, 'apps', 'web');
const WEB_OUT = 'web';

function sources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === WEB_APP) continue;
    if (entry.isDirectory()) found.push(...sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

function allSources() {
  return SOURCE_DIRS.flatMap((dir) => sources(path.join(root, dir)));
}

/** True when dist/ is older than some source (or missing). */
function isStale(files = allSources(), out = outDir) {
  const stamp = path.join(out, '.built');
  if (!fs.existsSync(stamp)) return true;
  const builtAt = fs.statSync(stamp).mtimeMs;
  return files.some((file) => fs.statSync(file).mtimeMs > builtAt) || fs.statSync(__filename).mtimeMs > builtAt;
}

/** Compiles every source to `out` (dist/ by default); returns how many files. */
function build(out = outDir) {
  const swc = require('@swc/core');
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const files = allSources();
  // Everything but the web app's own build, which has its own staleness check.
  if (fs.existsSync(out)) for (const entry of fs.readdirSync(out)) if (entry !== WEB_OUT) fs.rmSync(path.join(out, entry), { recursive: true, force: true });
  for (const file of files) {
    const relative = path.relative(root, file);
    const target = path.join(out, relative.replace(/\.ts$/, '.js'));
    const { code, map } = swc.transformFileSync(file, {
      swcrc: false,
      sourceMaps: true,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        baseUrl: root,
        paths: tsconfig.compilerOptions.paths,
      },
      module: { type: 'commonjs' },
    });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    fs.writeFileSync(`${target}.map`, map);
  }
  fs.writeFileSync(path.join(out, '.built'), new Date().toISOString());
  return files.length;
}

const LOCK_PATIENCE_MS = 120_000;

/**
 * Builds `out` when `needed()` says so, one process at a time. Processes started together
 * (the test suite runs several CLIs at once on a fresh clone) would otherwise each empty
 * dist/ while another writes it, and fail on what the other removed. A lock older than
 * two minutes is a dead process's, and is taken over. True when this process built it.
 */
function buildWhen(needed, out = outDir) {
  if (!needed()) return false;
  const lock = `${out}.lock`;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_PATIENCE_MS) fs.rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    // Another process may have built it while this one waited.
    if (!needed()) return false;
    build(out);
    return true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** dist/ built from the current sources (rebuilt when they are newer), and a require of its modules: `dist('libs/runtime/src')`. */
function builtModules() {
  buildWhen(() => isStale());
  return (file) => require(path.join(outDir, file));
}

module.exports = { build, buildWhen, builtModules, isStale };

if (require.main === module) {
  const started = Date.now();
  const count = build();
  process.stderr.write(`[accord] compiled ${count} files to dist/ in ${Date.now() - started} ms\n`);
  // `npm run build` (and so the Docker image) ships the web app as well.
  const { buildWeb } = require('./build-web');
  const initial = buildWeb();
  process.stderr.write(`[accord] built the web app into dist/web; initial JavaScript ${(initial.gzipBytes / 1024).toFixed(1)} kB gzipped\n`);
}
