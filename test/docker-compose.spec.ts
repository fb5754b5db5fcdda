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
  volumes?: string[];
}

const root = path.resolve(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const { services } = compose;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Temporal with its UI, a migration, the API and the worker, with Prometheus and Grafana', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'grafana', 'migrate', 'postgresql', 'prometheus', 'temporal', 'temporal-ui', 'worker']);
  });

  it('points the API, worker and migration at the database the postgresql service creates', () => {
    const pg = services.postgresql.environment!;
    const expected = `postgres://${pg.POSTGRES_USER}:${pg.POSTGRES_PASSWORD}@postgresql:5432/${pg.POSTGRES_DB}`;
    for (const name of ['api', 'worker', 'migrate']) expect(services[name].environment?.DATABASE_URL).toBe(expected);
  });

  it('gives Temporal the credentials of the postgresql service', () => {
    const pg = services.postgresql.environment!;
    expect(services.temporal.environment).toMatchObject({
      POSTGRES_SEEDS: 'postgresql',
      POSTGRES_USER: pg.POSTGRES_USER,
      POSTGRES_PWD: pg.POSTGRES_PASSWORD,
      DB_PORT: 5432,
    });
  });

  it('points the API, the worker and the UI at the temporal service on its published port', () => {
    const port = services.temporal.ports!.map((mapping) => mapping.split(':')[1])[0];
    for (const name of ['api', 'worker', 'temporal-ui']) expect(services[name].environment?.TEMPORAL_ADDRESS).toBe(`temporal:${port}`);
    expect(services.api.environment?.TEMPORAL_TASK_QUEUE).toBe(services.worker.environment?.TEMPORAL_TASK_QUEUE);
  });

  it('names only existing services in depends_on', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
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

  it('checks the API readiness on the port it listens on', () => {
    const port = services.api.environment?.PORT;
    expect(services.api.healthcheck?.test.join(' ')).toContain(`http://localhost:${port}/health/ready`);
    expect(services.api.ports).toEqual([`3000-3009:${port}`]);
  });

  it('requires a JWT secret instead of shipping one', () => {
    expect(String(services.api.environment?.ACCORD_JWT_SECRET)).toMatch(/^\$\{ACCORD_JWT_SECRET:\?/);
  });

  describe('observability', () => {
    /** The host file a service mounts at `target`, which must exist in the repository. */
    function mounted(service: string, target: string): string {
      const volume = services[service].volumes?.find((entry) => entry.split(':')[1] === target);
      expect({ service, target, mounted: volume !== undefined }).toEqual({ service, target, mounted: true });
      const source = path.join(root, volume!.split(':')[0]);
      expect(fs.existsSync(source)).toBe(true);
      return source;
    }

    it('has Prometheus scrape the API and the worker on the metrics ports they are configured with', () => {
      const config = parse(fs.readFileSync(mounted('prometheus', '/etc/prometheus/prometheus.yml'), 'utf8')) as {
        scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; port: number }[] }[];
      };
      const scraped = Object.fromEntries(config.scrape_configs.map((job) => [job.dns_sd_configs[0].names[0], job.dns_sd_configs[0].port]));
      expect(scraped).toEqual({ api: services.api.environment?.ACCORD_METRICS_PORT, worker: services.worker.environment?.ACCORD_WORKER_METRICS_PORT });
    });

    it('keeps the metrics ports off the host: only the API port is published', () => {
      expect(services.api.ports?.join(' ')).not.toContain(String(services.api.environment?.ACCORD_METRICS_PORT));
      expect(services.worker.ports).toBeUndefined();
    });

    it('provisions Grafana with the Prometheus service as its data source and the Accord dashboard', () => {
      const provisioning = mounted('grafana', '/etc/grafana/provisioning');
      const datasources = parse(fs.readFileSync(path.join(provisioning, 'datasources/prometheus.yml'), 'utf8')) as {
        datasources: { uid: string; url: string }[];
      };
      const port = services.prometheus.ports![0].split(':').at(-1);
      expect(datasources.datasources[0].url).toBe(`http://prometheus:${port}`);
      const providers = parse(fs.readFileSync(path.join(provisioning, 'dashboards/accord.yml'), 'utf8')) as { providers: { options: { path: string } }[] };
      const dashboards = mounted('grafana', providers.providers[0].options.path);
      const dashboard = JSON.parse(fs.readFileSync(path.join(dashboards, 'accord.json'), 'utf8')) as {
        panels: { title: string; datasource?: { uid: string } }[];
      };
      const titles = dashboard.panels.map((panel) => panel.title.toLowerCase()).join(' | ');
      for (const topic of ['decisions', 'latency', 'tasks', 'escalations', 'backlog']) expect(titles).toContain(topic);
      for (const panel of dashboard.panels.filter((entry) => entry.datasource)) expect(panel.datasource!.uid).toBe(datasources.datasources[0].uid);
    });

    it('requires a Grafana admin password instead of shipping one, and publishes Prometheus and Grafana on loopback only', () => {
      expect(String(services.grafana.environment?.GF_SECURITY_ADMIN_PASSWORD)).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
      for (const name of ['prometheus', 'grafana']) for (const mapping of services[name].ports ?? []) expect(mapping).toMatch(/^127\.0\.0\.1:/);
    });
  });
});
