import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  container_name?: string;
  healthcheck?: { test: string[] };
}

const root = path.resolve(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const { services } = compose;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Temporal with its UI, a migration, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
  });

  it('points the API, worker and migration at the database the postgresql service creates', () => {
    const pg = services.postgresql.environment!;
    const expected = `postgres://${pg.POSTGRES_USER}:${pg.POSTGRES_PASSWORD}@postgresql:5432/${pg.POSTGRES_DB}`;
    for (const name of ['api', 'worker', 'migrate']) expect(services[name].environment?.DATABASE_URL).toBe(expected);
  });

  it('gives Temporal the credentials of the postgresql service', () => {
    const pg = services.postgresql.environment!;
    expect(services.temporal.environment).toMatchObject({ POSTGRES_SEEDS: 'postgresql', POSTGRES_USER: pg.POSTGRES_USER, POSTGRES_PWD: pg.POSTGRES_PASSWORD, DB_PORT: 5432 });
  });

  it('points the API, the worker and the UI at the temporal service on its published port', () => {
    const port = services.temporal.ports!.map((mapping) => mapping.split(':')[1])[0];
    for (const name of ['api', 'worker', 'temporal-ui']) expect(services[name].environment?.TEMPORAL_ADDRESS).toBe(`temporal:${port}`);
    expect(services.api.environment?.TEMPORAL_TASK_QUEUE).toBe(services.worker.environment?.TEMPORAL_TASK_QUEUE);
  });

  it('names only existing services in depends_on', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
    }
  });

  it('starts the API and worker only after the migration succeeded', () => {
    for (const name of ['api', 'worker']) expect(services[name].depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('builds the API and worker from the repository Dockerfile, without fixed container names so they scale', () => {
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
    for (const name of ['api', 'worker', 'migrate']) {
      expect(services[name].build).toBe('.');
      expect(services[name].container_name).toBeUndefined();
    }
  });

  it('runs entry files that the build produces', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/RUN npm run build/);
    const entries = ['api', 'worker', 'migrate'].map((name) => services[name].command!.find((part) => part.endsWith('.js'))!);
    expect(entries).toEqual(['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'scripts/accord.js']);
    const sources = entries.map((entry) => entry.replace(/^dist\//, '').replace(/\.js$/, entry.startsWith('dist/') ? '.ts' : '.js'));
    for (const source of sources) expect(fs.existsSync(path.join(root, source))).toBe(true);
  });

  it('checks the API health on the port it listens on', () => {
    const port = services.api.environment?.PORT;
    expect(services.api.healthcheck?.test.join(' ')).toContain(`http://localhost:${port}/health`);
    expect(services.api.ports).toEqual([`3000-3009:${port}`]);
  });

  it('requires a JWT secret instead of shipping one', () => {
    expect(String(services.api.environment?.ACCORD_JWT_SECRET)).toMatch(/^\$\{ACCORD_JWT_SECRET:\?/);
  });
});
