import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');

/**
 * R-REL-4, issue 11 point 5, shortened for every CI run: `npm run chaos` with a dozen projects
 * over forty seconds, in which a worker, an API process, the Temporal dev server and
 * PostgreSQL are each killed with SIGKILL once and restarted. The full run's figures are in
 * docs/reliability.md.
 */
describe('npm run chaos -- --projects 12 --seconds 40', () => {
  it('loses and duplicates no acknowledged decision, and completes every project', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'scripts/chaos.js'), '--projects', '12', '--seconds', '40', '--seed', '5'],
      {
        cwd: root,
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const kills = stderr.split('\n').filter((line) => line.includes('kill -9'));
    expect(
      kills
        .map((line) =>
          line
            .replace(/^.*kill -9 /, '')
            .replace(/ \(.*| \d$|-\d$/g, '')
            .replace(/^the /, ''),
        )
        .sort(),
    ).toEqual(expect.arrayContaining(['PostgreSQL', 'Temporal dev server', 'api', 'worker']));
    const summary = stdout.trim().split('\n').at(-1);
    expect(summary).toBe('chaos: 48 decisions sent, 48 recorded, 0 lost, 0 duplicated, 12/12 projects completed');
  }, 660_000);
});
