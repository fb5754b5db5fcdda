import { randomUUID } from 'node:crypto';
import { SimulationAlreadyActiveError, SimulationJobsRepository } from '@accord/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The queue of simulation jobs and the hosts that run them, on real PostgreSQL (migration SimulationJobs1766800000000). */
describe(SimulationJobsRepository.name, () => {
  let database: TestDatabase;
  let sut: SimulationJobsRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new SimulationJobsRepository(database.dataSource);
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM simulation_jobs');
    await database.dataSource.query('DELETE FROM simulation_hosts');
  });

  const job = (requestedBy: string) => ({
    id: randomUUID(),
    requestedBy,
    definitionKey: 'expectation-signoff',
    definitionSource: 'key: expectation-signoff',
    scriptSource: 'people: {}',
    months: 1,
    days: 30,
  });

  it('keeps one job queued or running per requester, and takes the next once it ends', async () => {
    const first = await sut.enqueue(job('ada'));
    await expect(sut.enqueue(job('ada'))).rejects.toEqual(new SimulationAlreadyActiveError(first));
    await sut.enqueue(job('alan'));
    await sut.cancel(first.id);
    expect((await sut.enqueue(job('ada'))).status).toBe('queued');
  });

  it('never gives one job to two hosts that claim at once', async () => {
    await Promise.all(['ada', 'alan', 'anna'].map((requester) => sut.enqueue(job(requester))));
    const claims = await Promise.all(Array.from({ length: 6 }, (_, index) => sut.claim(`host-${index}`)));
    const claimed = claims.filter((claim) => claim !== undefined).map((claim) => claim.id);
    expect(claimed).toHaveLength(3);
    expect(new Set(claimed).size).toBe(3);
  });

  it('counts the slots of live hosts only, and fails the running jobs of a host that went silent', async () => {
    await sut.heartbeat('alive', 2);
    await sut.heartbeat('gone', 1);
    await database.dataSource.query(`UPDATE simulation_hosts SET heartbeat_at = now() - interval '31 seconds' WHERE host_id = 'gone'`);
    const orphan = await sut.enqueue(job('ada'));
    await sut.claim('gone');
    const kept = await sut.enqueue(job('alan'));
    await sut.claim('alive');
    expect(await sut.capacity()).toEqual({ slots: 2, queued: 0, running: 2 });

    expect(await sut.failAbandoned()).toEqual([orphan.id]);
    expect(await sut.find(orphan.id)).toMatchObject({
      status: 'failed',
      failure: { message: expect.stringMatching(/worker running this simulation stopped/) },
    });
    expect((await sut.find(kept.id))?.status).toBe('running');
  });

  it('stops reporting progress once a job is cancelled, and a cancelled job keeps no report', async () => {
    const queued = await sut.enqueue(job('ada'));
    await sut.claim('host');
    expect(await sut.progress(queued.id, 3)).toBe(true);
    await sut.cancel(queued.id);
    expect(await sut.progress(queued.id, 4)).toBe(false);
    await sut.succeed(queued.id, {
      timeline: [],
      kpis: { goalsSet: 0, goalsMet: 0, feedbackItems: 0, complaints: 0, deviationBreaches: 0, changeRequests: 0 },
      outcome: 'completed',
      days: 4,
      timezone: 'UTC',
      refused: [],
    });
    expect(await sut.find(queued.id)).toMatchObject({ status: 'cancelled', day: 3, report: null });
  });
});
