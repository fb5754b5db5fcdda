import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

// The compiled output is what `npm start` and the Docker image run: its `@accord/*`
// imports must resolve on plain Node, and each process must boot far enough to read
// and check its configuration.
const root = path.resolve(__dirname, '..');
const out = path.join(root, '.test-results', `build-${process.pid}`);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { build } = require('../scripts/build');

function boot(entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(out, entry)], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stderr: result.stderr };
}

describe('the compiled API and worker', () => {
  beforeAll(() => {
    build(out);
  });

  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('stop the API at boot with exit 78 and the name of each missing or wrong variable', () => {
    const { status, stderr } = boot('apps/api/src/main.js', { PORT: 'eighty' });
    expect(status).toBe(78);
    expect(stderr).toContain('PORT: PORT must be a port number from 0 to 65535');
    expect(stderr).toContain('DATABASE_URL: must be set');
    expect(stderr).toContain('ACCORD_JWT_SECRET: must be set');
  });

  it('stop the worker at boot when DATABASE_URL is not a PostgreSQL URL', () => {
    const { status, stderr } = boot('apps/worker/src/main.js', { DATABASE_URL: 'mysql://db/accord' });
    expect(status).toBe(78);
    expect(stderr).toContain('DATABASE_URL: DATABASE_URL must be a postgres:// URL');
  });
});

describe('building dist/ on demand', () => {
  const shared = path.join(root, '.test-results', `build-shared-${process.pid}`);

  afterAll(() => {
    fs.rmSync(shared, { recursive: true, force: true });
  });

  it('builds once for processes that need it at the same time, and each of them can load it', async () => {
    // What three CLIs started together on a fresh clone do (`scripts/accord.js` builds dist/ when it is stale).
    const needIt = `
      const { buildWhen, isStale } = require('./scripts/build');
      const built = buildWhen(() => isStale(undefined, process.argv[1]), process.argv[1]);
      console.log(built ? 'built' : 'waited', typeof require(process.argv[1] + '/libs/definitions/src/index.js').compileDefinition);
    `;
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        promisify(execFile)(process.execPath, ['-e', needIt, shared], { cwd: root, timeout: 120_000 }).then(
          ({ stdout }) => stdout.trim(),
          (error: Error & { stderr?: string }) => `failed: ${error.stderr ?? error.message}`,
        ),
      ),
    );
    expect(runs.sort()).toEqual(['built function', 'waited function', 'waited function']);
    expect(fs.existsSync(`${shared}.lock`)).toBe(false);
  });
});
