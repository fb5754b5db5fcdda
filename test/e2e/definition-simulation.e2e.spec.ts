import fs from 'node:fs';
import path from 'node:path';
import { AccordHarness, type ApiResponse, eventually } from '../support/accord-harness';

const definitions = path.resolve(__dirname, '../../definitions');
const shipped = (file: string) => fs.readFileSync(path.join(definitions, file), 'utf8');

/** Issue 15 point 3: an admin tries a draft before publishing it; the server runs its simulation as a job. */
describe('simulating a draft as a job on the server', () => {
  let accord: AccordHarness;
  let ada: string;
  let alan: string;
  const signoff = shipped('expectation-signoff.yaml');

  /** Polls the job until `done` holds; a timeout says where the job stood last. */
  const until = async (id: string, token: string, done: (job: ApiResponse) => boolean, what: string, timeoutMs: number): Promise<ApiResponse> => {
    let last: ApiResponse | undefined;
    try {
      return await eventually(
        async () => {
          last = await accord.request('GET', `/simulations/${id}`, { token });
          return done(last) ? last : undefined;
        },
        what,
        timeoutMs,
      );
    } catch (error) {
      const { report: _report, ...job } = last?.body ?? {};
      throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(job)}`, { cause: error });
    }
  };
  const finished = (id: string, token: string) =>
    until(id, token, (job) => ['succeeded', 'failed', 'cancelled'].includes(job.body.status), `simulation ${id} to end`, 240_000);
  const runningPast = (id: string, token: string, day: number) =>
    until(id, token, (job) => job.body.status === 'running' && job.body.day >= day, `simulation ${id} to pass day ${day}`, 120_000);

  beforeAll(async () => {
    accord = await AccordHarness.start();
    ada = accord.token('ada', ['admin']);
    alan = accord.token('alan', ['admin']);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('refuses a simulation politely while no worker here can host one', async () => {
    const refused = await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: ada, body: { source: signoff } });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('SIMULATION_UNAVAILABLE');
    expect(refused.body.message).toMatch(/ACCORD_TEMPORAL_TEST_SERVER/);
  });

  describe('with a worker that hosts simulations', () => {
    beforeAll(async () => {
      await accord.hostSimulations();
    }, 120_000);

    it('is for admins only', async () => {
      const pm = accord.token('paula', ['pm']);
      expect((await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: pm, body: { source: signoff } })).status).toBe(403);
      expect((await accord.request('GET', '/definitions/expectation-signoff/actors-script', { token: accord.token('otto', ['auditor']) })).status).toBe(403);
    });

    it('refuses a draft that cannot run, and a script that does not fit it, with the path of each problem', async () => {
      const broken = signoff.replace(/^starters: .*$/m, 'starters: [nobody]');
      const badDraft = await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: ada, body: { source: broken } });
      expect(badDraft.status).toBe(422);
      expect(badDraft.body.code).toBe('SIMULATION_INPUT_INVALID');
      expect(badDraft.body.details.map((detail: { path: string }) => detail.path)).toContain('source.starters[0]');

      const badScript = await accord.request('POST', '/definitions/expectation-signoff/simulations', {
        token: ada,
        body: { source: signoff, script: 'people: { sales: sam }\ntasks: { nosuchstep: { data: {} } }\n' },
      });
      expect(badScript.status).toBe(422);
      expect(badScript.body.details.some((detail: { path: string }) => detail.path.startsWith('script.'))).toBe(true);

      const otherKey = await accord.request('POST', '/definitions/customer-review/simulations', {
        token: ada,
        body: { source: signoff, script: shipped('expectation-signoff.actors.yaml') },
      });
      expect(otherKey.status).toBe(422);
      expect(otherKey.body.details[0].path).toBe('source.key');
      expect((await accord.request('GET', '/simulations', { token: ada })).body).toEqual([]);
    });

    it('serves the actors script shipped for a key, which a simulation plays unless given another', async () => {
      const script = await accord.request('GET', '/definitions/expectation-signoff/actors-script', { token: ada });
      expect(script.status).toBe(200);
      expect(script.body.source).toBe(shipped('expectation-signoff.actors.yaml'));
      expect((await accord.request('GET', '/definitions/no-such-key/actors-script', { token: ada })).status).toBe(404);
    });

    it('simulates the saved draft by default and reports its dated timeline, KPIs and outcome', async () => {
      // The draft renames the stage: the report is of the draft, not of the published version.
      const draft = signoff.replace(/^ {2}- id: set$/m, '  - id: agree');
      expect((await accord.request('PUT', '/definitions/expectation-signoff/draft', { token: ada, body: { source: draft } })).status).toBe(200);
      const queued = await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: ada, body: { months: 1 } });
      expect(queued.status).toBe(202);
      expect(queued.body).toMatchObject({ definitionKey: 'expectation-signoff', months: 1, days: 30, requestedBy: 'ada' });
      expect(['queued', 'running']).toContain(queued.body.status);

      const done = await finished(queued.body.id, ada);
      expect(done.body.status).toBe('succeeded');
      expect(done.body.day).toBe(done.body.days);
      const { report } = done.body;
      expect(report.outcome).toBe('completed');
      expect(report.timezone).toBe('UTC');
      const kinds = report.timeline.map((entry: { kind: string }) => entry.kind);
      expect(kinds).toEqual(expect.arrayContaining(['stage-started', 'task-completed', 'stage-completed']));
      expect(new Set(report.timeline.map((entry: { stage: string | null }) => entry.stage).filter(Boolean))).toEqual(new Set(['agree']));
      const dates = report.timeline.map((entry: { at: string }) => Date.parse(entry.at));
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      expect(report.kpis.goalsSet).toEqual(expect.any(Number));
      expect(report.refused).toEqual([]);
      const mine = await accord.request('GET', '/simulations', { token: ada });
      expect(mine.body.map((job: { id: string }) => job.id)).toEqual([queued.body.id]);
    }, 300_000);

    it('runs one simulation at a time per admin, shows progress by simulated day, and stops one that is cancelled', async () => {
      const long = await accord.request('POST', '/definitions/customer-expectation/simulations', {
        token: ada,
        body: { source: shipped('customer-expectation.yaml'), months: 6 },
      });
      expect(long.status).toBe(202);
      const again = await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: ada, body: { source: signoff } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SIMULATION_ALREADY_RUNNING');
      expect(again.body.details).toEqual([{ path: 'id', message: long.body.id }]);

      // Another admin may queue one; it waits for the only slot.
      const alans = await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: alan, body: { source: signoff, months: 1 } });
      expect(alans.status).toBe(202);

      const running = await runningPast(long.body.id, ada, 3);
      expect(running.body.day).toBeLessThan(running.body.days);
      expect((await accord.request('GET', `/simulations/${alans.body.id}`, { token: alan })).body).toMatchObject({ status: 'queued', ahead: 0 });

      const cancelled = await accord.request('POST', `/simulations/${long.body.id}/cancel`, { token: ada });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect((await accord.request('POST', `/simulations/${long.body.id}/cancel`, { token: ada })).body.code).toBe('SIMULATION_ENDED');

      // The slot comes free: the queued one runs to its end, and the cancelled one never reports.
      expect((await finished(alans.body.id, alan)).body.status).toBe('succeeded');
      const after: ApiResponse = await accord.request('GET', `/simulations/${long.body.id}`, { token: ada });
      expect(after.body).toMatchObject({ status: 'cancelled', report: null });
    }, 300_000);

    it('fails a running simulation whose worker stops, saying so, and gives the admin their turn back', async () => {
      const job = await accord.request('POST', '/definitions/customer-expectation/simulations', {
        token: ada,
        body: { source: shipped('customer-expectation.yaml'), months: 6 },
      });
      expect(job.status).toBe(202);
      await runningPast(job.body.id, ada, 1);
      await accord.stopHostingSimulations();

      const failed = await accord.request('GET', `/simulations/${job.body.id}`, { token: ada });
      expect(failed.body.status).toBe('failed');
      expect(failed.body.failure.message).toMatch(/worker stopped/);
      const refused = await accord.request('POST', '/definitions/expectation-signoff/simulations', { token: ada, body: { source: signoff } });
      expect(refused.body.code).toBe('SIMULATION_UNAVAILABLE');
    }, 300_000);
  });
});
