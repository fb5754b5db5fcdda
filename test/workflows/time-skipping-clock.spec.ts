import { TestWorkflowEnvironment } from '@temporalio/testing';
import { sleepWatched } from '@accord/simulation';
import { quietTemporalLogs } from '../support/quiet-temporal';

const DAY = 24 * 3_600_000;
/** Short for a test, yet long enough that a day merely slowed by a busy machine is not taken for a stall. */
const PATIENCE_MS = 5_000;

describe(sleepWatched.name, () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    quietTemporalLogs();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: process.env.ACCORD_TEMPORAL_TEST_SERVER! } } });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('lets a simulated day pass even when the server leaked a time lock', async () => {
    // What a lost update leaves behind: one lock too many, so the server's clock runs at wall-clock speed.
    await env.connection.testService!.lockTimeSkipping({});
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const before = await env.currentTimeMs();
    await sleepWatched(env, DAY, PATIENCE_MS);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(DAY);
    // The lock was given back, not one too many: the next day passes at once.
    await sleepWatched(env, DAY, PATIENCE_MS);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(2 * DAY);
    // Once, and said: a CI run that needed it shows it in its output.
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([expect.stringMatching(/^Simulated time stalled at .*: giving back a time lock$/)]);
    warn.mockRestore();
  });
});
