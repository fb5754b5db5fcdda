import { AccordHarness, eventually } from '../support/accord-harness';

const STEPS = Array.from({ length: 12 }, (_, index) => `      - { id: step-${index + 1}, name: Step ${index + 1}, type: task, assignee: { role: pm } }`).join(
  '\n',
);
const LONG_STAGE = `key: long-stage
name: A stage with many steps
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
${STEPS}
`;

/**
 * Issue 11 point 6: a stage cannot continue as new mid-step, so one whose history outgrows
 * its budget (here lowered to 50 events) stops with an incident instead of running into
 * Temporal's hard limit; an admin lets it go on, and it is granted as many events again.
 */
describe('a stage that outgrows its event budget', () => {
  let accord: AccordHarness;

  beforeAll(async () => {
    accord = await AccordHarness.start({ ACCORD_STAGE_HISTORY_BUDGET: '50' });
    await accord.publish('long-stage', LONG_STAGE);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('stops with an event-budget incident before its next step, and goes on when an admin says so', async () => {
    const pm = accord.token('paula', ['pm']);
    const admin = accord.token('ada', ['admin']);
    const projectId = (await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'long-stage', name: 'Long' } })).body.id as string;
    const incidents = () =>
      accord
        .request('GET', `/incidents?project=${projectId}&status=all`, { token: admin })
        .then((response) => response.body.items as { id: string; kind: string; stepId: string; status: string; message: string }[]);
    let completed = 0;
    while ((await incidents()).length === 0) {
      await accord.completeStep(pm, projectId, `step-${completed + 1}`);
      completed++;
      expect(completed).toBeLessThan(12);
      await eventually(
        async () =>
          (await incidents()).length > 0 || (await accord.request('GET', `/inbox?project=${projectId}`, { token: pm })).body.items.length > 0
            ? true
            : undefined,
        'the next task or an incident',
      );
    }
    const [incident] = await incidents();
    expect(incident).toMatchObject({
      kind: 'event-budget',
      stepId: `step-${completed + 1}`,
      status: 'open',
      message: expect.stringContaining('its budget is 50'),
    });
    expect((await accord.request('GET', `/inbox?project=${projectId}`, { token: pm })).body.items).toEqual([]);

    expect(
      (
        await accord.request('POST', `/incidents/${encodeURIComponent(incident.id)}/skip`, {
          token: admin,
          body: { reason: 'The steps are many, not looping' },
        })
      ).status,
    ).toBe(200);
    await accord.completeStep(pm, projectId, `step-${completed + 1}`);
  });
});
