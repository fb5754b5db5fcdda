import type { AccordActivities } from '@accord/activities';
import type { AuditEntry } from '@accord/contracts';
import { type MetricValue, Registry } from 'prom-client';
import { measuringReadModelLag } from './read-model-lag';

const DECIDED = Date.parse('2026-12-14T09:00:00.000Z');
const entry = (at: number): AuditEntry => ({
  id: 'p:track:1:step:1:task.opened',
  projectId: 'p',
  at: new Date(at).toISOString(),
  action: 'task.opened',
  actor: 'system',
  detail: {},
});

describe(measuringReadModelLag.name, () => {
  let registry: Registry;
  let now: number;
  const written: string[] = [];
  // Stand-ins for the database writes: what is measured here is the wrapper around them.
  const writes = {
    openTask: async (task: { id: string; audit: AuditEntry }) => void written.push(task.id),
    recordAudit: async (audit: AuditEntry) => void written.push(audit.id),
    closeTask: async () => {
      throw new Error('the database refused the write');
    },
    meetingAgenda: async () => ['progress'],
  } as unknown as AccordActivities;

  const lag = async () => (await registry.getSingleMetric('accord_read_model_lag_seconds')!.get()).values;
  // A histogram's values name their series (_bucket, _sum, _count) in `metricName`, which prom-client's type leaves out.
  const observed = async (write: string, suffix: '_count' | '_sum') =>
    ((await lag()) as (MetricValue<string> & { metricName?: string })[]).find(
      (value) => value.metricName === `accord_read_model_lag_seconds${suffix}` && value.labels.write === write,
    )?.value;

  beforeEach(() => {
    registry = new Registry();
    written.length = 0;
  });

  it('observes, once a write has landed, how long after its workflow decided it', async () => {
    const sut = measuringReadModelLag(writes, registry, () => now);
    now = DECIDED + 250;
    await sut.openTask({ id: 'first', audit: entry(DECIDED) } as never);
    now = DECIDED + 2_000;
    await sut.openTask({ id: 'second', audit: entry(DECIDED + 1_000) } as never);

    expect(written).toEqual(['first', 'second']);
    expect(await observed('openTask', '_count')).toBe(2);
    expect(await observed('openTask', '_sum')).toBeCloseTo(1.25);
  });

  it('reads the decision time of an audit entry written on its own from the entry itself', async () => {
    const sut = measuringReadModelLag(writes, registry, () => DECIDED + 40);
    await sut.recordAudit(entry(DECIDED));

    expect(await observed('recordAudit', '_sum')).toBeCloseTo(0.04);
  });

  it('observes nothing for a write that failed, and passes its failure on for Temporal to retry', async () => {
    const sut = measuringReadModelLag(writes, registry, () => DECIDED);
    await expect(sut.closeTask({ taskId: 't', status: 'completed', at: entry(DECIDED).at, audit: entry(DECIDED) })).rejects.toThrow('refused');

    expect(await observed('closeTask', '_count')).toBeUndefined();
  });

  it('observes nothing for an activity that records no decision, and answers what it answers', async () => {
    const sut = measuringReadModelLag(writes, registry, () => DECIDED);

    expect(await sut.meetingAgenda({} as never)).toEqual(['progress']);
    expect(await lag()).toEqual(expect.not.arrayContaining([expect.objectContaining({ labels: expect.objectContaining({ write: 'meetingAgenda' }) })]));
  });

  it('takes a workflow clock ahead of the worker’s for no lag, not a negative one', async () => {
    const sut = measuringReadModelLag(writes, registry, () => DECIDED - 5_000);
    await sut.openTask({ id: 'early', audit: entry(DECIDED) } as never);

    expect(await observed('openTask', '_sum')).toBe(0);
    expect(await observed('openTask', '_count')).toBe(1);
  });
});
