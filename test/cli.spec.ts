import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function accord(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/accord.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run accord -- definitions validate', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints file:line:column code message for each error and exits 1', () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(
      file,
      'key: broken\nname: Broken\nstarters: [pm]\nroles: { pm: {} }\nstages:\n  - id: s\n    steps:\n      - { id: t, type: task, assignee: { role: qa }, due: soon }\n',
    );
    const { status, stdout } = accord('definitions', 'validate', file);
    expect(status).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      `${file}:8:48 UNKNOWN_ROLE unknown role "qa"; declared roles: pm (at stages[0].steps[0].assignee.role)`,
      `${file}:8:59 BAD_DURATION due "soon" is neither an ISO 8601 duration (P3D, PT4H, P1W) nor { workdays: n } (at stages[0].steps[0].due)`,
    ]);
  });

  it('exits 0 when every file is valid', () => {
    const { status, stdout } = accord('definitions', 'validate', path.join(root, 'definitions/expectation-signoff.yaml'));
    expect(status).toBe(0);
    expect(stdout).toContain('expectation-signoff.yaml: valid');
  });

  it('names a file it cannot read instead of crashing', () => {
    const { status, stdout } = accord('definitions', 'validate', path.join(dir, 'missing.yaml'));
    expect(status).toBe(1);
    expect(stdout).toMatch(/missing\.yaml:0:0 UNREADABLE/);
  });
});

describe('npm run accord -- token', () => {
  it('refuses to mint a token without a user', () => {
    const { status, stderr } = accord('token', '--roles', 'pm');
    expect(status).toBe(2);
    expect(stderr).toContain('token needs --user');
  });
});
