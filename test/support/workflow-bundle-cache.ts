import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/accord-worker';

const root = path.resolve(__dirname, '..', '..');
/**
 * Everything the bundle is built from: the workflows, the pure libraries they may import
 * (test/workflow-determinism.spec.ts holds them to that), the bundler's options, and the
 * locked package versions.
 */
const SOURCES = ['workflows', 'libs/contracts/src', 'libs/approvals/src', 'libs/domain/src', 'apps/worker/src/accord-worker.ts', 'package-lock.json'];
const CACHE_DIR = path.join(os.tmpdir(), 'accord-workflow-bundles');
const BUNDLES_KEPT = 4;

function filesOf(entry: string): string[] {
  const absolute = path.join(root, entry);
  if (!fs.statSync(absolute).isDirectory()) return [absolute];
  return fs
    .readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((found) => found.isFile())
    .map((found) => path.join(found.parentPath, found.name))
    .sort();
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(filesOf)) {
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch (error) {
      // An editor's temporary file, gone since the listing: not a source.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    hash.update(path.relative(root, file)).update('\0').update(content).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The workflow bundle, built once per change of its sources and shared by every test file
 * and run: webpack takes ten seconds or more on a busy machine, several times what a fast
 * test file itself takes.
 */
export async function cachedWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  const cached = path.join(CACHE_DIR, `${sourcesHash()}.json`);
  const found = readBundle(cached);
  if (found) return found;
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: new DefaultLogger('WARN') });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Written aside and renamed: test files bundling at once never read a half-written file.
  const partial = `${cached}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(bundle));
  fs.renameSync(partial, cached);
  pruneBundles();
  return bundle;
}

function readBundle(file: string): WorkflowBundleWithSourceMap | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowBundleWithSourceMap;
  } catch (error) {
    // Not built yet, or pruned by a run on other sources since: it is built again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Keeps the latest bundles only: each is several megabytes, and workflows change often while they are being reworked. */
function pruneBundles(): void {
  const bundles = fs
    .readdirSync(CACHE_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ file: path.join(CACHE_DIR, name), at: fs.statSync(path.join(CACHE_DIR, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { file } of bundles.slice(BUNDLES_KEPT)) fs.rmSync(file, { force: true });
}
