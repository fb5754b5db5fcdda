import type { RequirementSpecification } from '@accord/contracts';
import type { ScriptedTask } from '@accord/simulation';
import { AccordHarness, eventually } from '../support/accord-harness';
import { scriptMembers, shippedScript } from '../support/shipped-script';

const SCRIPT = shippedScript('customer-review');
const MEMBERS = scriptMembers(SCRIPT);
/** A step's scripted answer: its one answer, or the one of the given round (from 1). */
const answer = (stepId: string, round = 1) => {
  const task: ScriptedTask = SCRIPT.tasks[stepId];
  return task.data ?? task.occurrences?.[Math.min(round, task.occurrences.length) - 1]?.data;
};
const CUSTOMER = { key: 'northwind', name: 'Northwind Distribution' };

interface RequirementRow {
  id: string;
  customer_key: string;
  project_id: string;
  version: number;
  specification: RequirementSpecification;
  recorded_by: string | null;
}

describe('the customer review procedure through the HTTP API (shipped definition)', () => {
  let accord: AccordHarness;
  let projectId: string;
  const tokens: Record<string, string> = {};
  const api = (method: string, url: string, role: string, body?: unknown) => accord.request(method, url, { token: tokens[role], body });
  const start = (name: string, customer?: { key: string; name: string }) =>
    api('POST', '/projects', 'pm', { definitionKey: 'customer-review', name, members: MEMBERS, ...(customer ? { customer } : {}) });
  const complete = async (role: string, stepId: string, body: Record<string, unknown>, project = projectId) => {
    const response = await accord.completeStep(tokens[role], project, stepId, body);
    expect({ step: stepId, role, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
      step: stepId,
      role,
      status: 200,
      body: undefined,
    });
  };
  const submit = (role: string, stepId: string, round = 1, project = projectId) => complete(role, stepId, { data: answer(stepId, round) }, project);
  const decide = (role: string, stepId: string, outcome: 'approve' | 'reject', project = projectId) => complete(role, stepId, { outcome }, project);
  const requirementRows = (customer: string): Promise<RequirementRow[]> =>
    accord.database.dataSource.query(
      `SELECT id, customer_key, project_id, version, specification, recorded_by FROM customer_requirements WHERE customer_key = $1 ORDER BY version`,
      [customer],
    );
  const projectState = (project = projectId) =>
    api('GET', `/projects/${project}`, 'pm').then((response) => response.body as { status: string; currentStage: string | null });
  const stageReached = (stage: string, project = projectId) =>
    eventually(async () => ((await projectState(project)).currentStage === stage ? true : undefined), `stage ${stage}`);

  /** Requirement analysis as the script plays it: gathered four ways, specified, confirmed by the customer. */
  const analyseRequirements = async (project: string) => {
    await submit('sales', 'interview', 1, project);
    await submit('sales', 'survey-needs', 1, project);
    await submit('pm', 'competitor-analysis', 1, project);
    await submit('sales', 'market-research', 1, project);
    await submit('pm', 'specify', 1, project);
    await submit('pm', 'requirement-review', 1, project);
    await decide('customer', 'confirm-requirements', 'approve', project);
  };

  beforeAll(async () => {
    accord = await AccordHarness.start();
    for (const [role, user] of Object.entries(SCRIPT.people)) tokens[role] = accord.token(user, [role]);
    tokens.admin = accord.token('ada', ['admin']);
  }, 60_000);

  afterAll(async () => {
    await accord?.stop();
  });

  it('starts a project on customer-review instead of refusing its customer-analytics steps', async () => {
    const started = await start('Northwind handheld picking', CUSTOMER);
    expect([started.status, started.body.code]).toEqual([201, undefined]);
    projectId = started.body.id;
    expect(started.body.customer).toBe('northwind');
  });

  it("records the confirmed requirement specification as version 1 of the customer's requirement history", async () => {
    await analyseRequirements(projectId);
    await stageReached('solution-review');
    const [row, ...more] = await eventually(
      async () => ((await requirementRows('northwind')).length > 0 ? requirementRows('northwind') : undefined),
      'the requirement row',
    );
    expect(more).toEqual([]);
    expect(row).toMatchObject({ customer_key: 'northwind', project_id: projectId, version: 1, recorded_by: 'paula' });
    expect(row.id).toContain('/record-requirements:1');
    expect(row.specification).toMatchObject({
      functional: ['Pick lists on handhelds', 'Stock per bin in real time'],
      performance: ['A pick list opens within 2 seconds'],
      quality: ['No more than 1 picking error in 1000 lines'],
      budget: 180000,
      // The script gives it as project day 205: a date half a year on, whenever the suite runs.
      deadline: answer('specify')!.deadline,
      confirmedBy: [expect.objectContaining({ by: 'carl', decision: 'approve' })],
    });
    expect(Object.keys(row.specification.gathered).sort()).toEqual(['competitor-analysis', 'interview', 'market-research', 'survey-needs']);
    const audit = await api('GET', `/projects/${projectId}/audit`, 'pm');
    const recorded = (audit.body.items as { action: string }[]).filter((entry) => entry.action === 'customer-requirements.recorded');
    expect(recorded).toEqual([
      expect.objectContaining({ subject: 'record-requirements', detail: expect.objectContaining({ recorded: true, customer: 'northwind', version: 1 }) }),
    ]);
  });

  it("numbers a second project's specification for the same customer as version 2, and records nothing for a project without a customer", async () => {
    const second = (await start('Northwind returns desk', CUSTOMER)).body.id as string;
    const anonymous = (await start('Walk-in prospect')).body.id as string;
    await analyseRequirements(second);
    await analyseRequirements(anonymous);
    await stageReached('solution-review', second);
    await stageReached('solution-review', anonymous);
    const rows = await eventually(
      async () => ((await requirementRows('northwind')).length === 2 ? requirementRows('northwind') : undefined),
      'the second requirement row',
    );
    expect(rows.map((row) => [row.project_id, row.version])).toEqual([
      [projectId, 1],
      [second, 2],
    ]);
    expect(await accord.database.dataSource.query(`SELECT id FROM customer_requirements WHERE project_id = $1`, [anonymous])).toEqual([]);
    const audit = await api('GET', `/projects/${anonymous}/audit`, 'pm');
    const recorded = (audit.body.items as { action: string }[]).filter((entry) => entry.action === 'customer-requirements.recorded');
    expect(recorded).toEqual([expect.objectContaining({ detail: expect.objectContaining({ recorded: false, reason: 'no-customer' }) })]);
  });

  /**
   * The customer complains twice during delivery. With the company's threshold at 0.15, two
   * open complaints (0.2) turn the churn warning on: the account owner gets the retention task
   * and the department head closes it; each complaint is resolved and accepted.
   */
  const complaintsWarnOfChurn = async () => {
    const settings = (await api('GET', '/settings/customer-analytics', 'admin')).body.settings;
    settings.churn.threshold = 0.15;
    expect((await api('PUT', '/settings/customer-analytics', 'admin', settings)).status).toBe(200);
    const forged = await api('POST', `/projects/${projectId}/events`, 'pm', { signal: 'churn-warning', data: {} });
    expect([forged.status, forged.body.details]).toEqual([403, [{ path: 'signal', message: expect.stringContaining('raised by Accord itself') }]]);

    for (const description of ['Handhelds drop the connection in the cold store', 'The night shift still prints pick lists']) {
      const raised = await api('POST', `/projects/${projectId}/events`, 'customer', { signal: 'complaint', data: { channel: 'hotline', description } });
      expect([raised.status, raised.body.started?.stageId]).toEqual([200, 'complaint-handling']);
    }
    const retention = await eventually(async () => {
      const inbox = await api('GET', `/inbox?project=${projectId}`, 'sales');
      return (inbox.body.items as { id: string; stepId: string; stageId: string }[]).find((item) => item.stepId === 'retention-plan');
    }, "the account owner's retention task");
    expect(retention.stageId).toBe('retention');
    const record = await api('GET', '/customers/northwind', 'pm');
    expect(record.body.analyses.churn).toMatchObject({ warning: true, threshold: 0.15 });
    const timeline = async () =>
      (await api('GET', `/projects/${projectId}/timeline`, 'pm')).body.items as { kind: string; stage: string | null; detail: string }[];
    expect((await timeline()).filter((line) => line.kind === 'churn-warning').map((line) => [line.stage, line.detail])).toEqual([
      ['progress-review', 'churn warning for northwind: score 0.20 above 0.15 (2 complaint(s) not closed): retention started'],
    ]);

    await submit('sales', 'retention-plan');
    await decide('dept_head', 'retention-closed', 'approve');
    for (const round of [1, 2]) {
      await submit('pm', 'resolve-complaint', round);
      await decide('customer', 'customer-accepts', 'approve');
    }
    await eventually(async () => {
      const ended = (await timeline()).filter((line) => line.kind === 'stage-completed' && ['retention', 'complaint-handling'].includes(line.stage!));
      return ended.length === 3 ? true : undefined;
    }, 'both complaints and retention closed');
  };

  it('runs to completion: a rejected then approved solution, two contract negotiations, an improvement closed, and the review recorded for the customer', async () => {
    // Solution review: the board sends the first design back.
    await submit('tech_lead', 'technical-plan', 1);
    await submit('pm', 'implementation-plan');
    await submit('qa', 'test-plan');
    await submit('pm', 'review-meeting', 1);
    await decide('tech_lead', 'board-decision', 'reject');
    await decide('expert', 'board-decision', 'reject');
    await submit('tech_lead', 'technical-plan', 2);
    await submit('pm', 'implementation-plan');
    await submit('qa', 'test-plan');
    await submit('pm', 'review-meeting', 2);
    await decide('tech_lead', 'board-decision', 'approve');
    await decide('expert', 'board-decision', 'approve');
    await stageReached('contract-review');

    // Contract review: refused at signing once, negotiated again.
    await submit('sales', 'draft-contract', 1);
    await submit('legal', 'legal-check');
    await submit('sales', 'negotiate', 1);
    await decide('dept_head', 'sign-contract', 'reject');
    await submit('sales', 'draft-contract', 2);
    await submit('legal', 'legal-check');
    await submit('sales', 'negotiate', 2);
    await decide('dept_head', 'sign-contract', 'approve');
    await decide('customer', 'sign-contract', 'approve');
    await stageReached('progress-review');

    // Progress review: delivery confirmed ends the weekly reports and fortnightly meetings (the simulation shows them running).
    await submit('pm', 'schedule');
    await decide('dept_head', 'approve-schedule', 'approve');
    await complaintsWarnOfChurn();
    await decide('pm', 'delivery-complete', 'approve');
    await decide('customer', 'delivery-complete', 'approve');
    await stageReached('feedback-review');

    // Feedback review: the survey, an improvement action done in the meeting's minutes and closed.
    await submit('customer', 'satisfaction');
    await submit('qa', 'improvements');
    await submit('qa', 'feedback-meeting');
    const actionItem = await eventually(async () => {
      const inbox = await api('GET', `/inbox?project=${projectId}`, 'qa');
      return (inbox.body.items as { id: string; stepId: string }[]).find((item) => /-action-\d+$/.test(item.stepId));
    }, "quinn's action item");
    expect((await api('POST', `/tasks/${encodeURIComponent(actionItem.id)}/complete`, 'qa', { outcome: 'done' })).status).toBe(200);
    await decide('qa', 'improvements-closed', 'approve');

    await eventually(async () => ((await projectState()).status === 'completed' ? true : undefined), 'the project to complete');
    const audit = await api('GET', `/projects/${projectId}/audit`, 'pm');
    const reviewed = (audit.body.items as { action: string }[]).filter((entry) => entry.action === 'customer-review.recorded');
    expect(reviewed).toEqual([
      expect.objectContaining({
        subject: 'customer-record',
        detail: expect.objectContaining({
          recorded: true,
          customer: 'northwind',
          survey: { overall: 4, suggestions: ['Train the night shift too'] },
          improvementActions: [
            { action: 'Train the night shift on the handhelds', owner: 'quinn', due: (answer('improvements')!.actions as { due: string }[])[0].due },
          ],
          improvementsClosed: true,
          churnSignals: ['falling-satisfaction', 'repeated-deviations', 'open-complaints'],
        }),
      }),
    ]);
  }, 180_000);
});
