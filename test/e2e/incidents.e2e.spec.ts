import { Client, Connection } from '@temporalio/client';
import { stageWorkflowId } from '@accord/contracts';
import { AccordHarness, eventually } from '../support/accord-harness';

// Its deliver stage follows a weekly cadence, which runs as a workflow of its own. An
// operator who terminates that workflow by mistake (in the Temporal UI, say) makes the
// stage's code fail on every try, as code with a bug would.
const FAILING_STAGE = `key: failing-stage
name: A stage whose cadence an operator terminates
starters: [pm]
roles: { pm: {} }
variables: { closed: { type: boolean, default: false } }
stages:
  - id: prepare
    steps:
      - { id: intake, name: Take the order, type: task, assignee: { role: pm } }
  - id: deliver
    steps:
      # Its first report is due today, whichever day the test runs on.
      - { id: ship, type: cadence, every: P1W, onNonWorkingDay: keep, until: closed, step: { type: task, name: Report the shipment, assignee: { role: pm } } }
  - id: close
    steps:
      - { id: wrapup, name: Wrap up, type: task, assignee: { role: pm } }
`;

const COMMENTED = `key: commented
name: A task people comment on
starters: [pm]
roles: { pm: {} }
stages:
  - id: work
    steps:
      - { id: draft, name: Draft the plan, type: task, assignee: { role: pm } }
`;

interface Incident {
  id: string;
  projectId: string;
  kind: string;
  stageId: string | null;
  stepId: string | null;
  activity: string | null;
  errorType: string;
  message: string;
  skippable: boolean;
  status: string;
  resolution: string | null;
  resolvedBy: string | null;
}

/**
 * Issue 11 point 2 (R-REL-2): a failure that retrying cannot fix stops only what failed, shows
 * as an incident, and an admin retries, skips or cancels it; each way out is audited.
 */
describe('incidents through the HTTP API', () => {
  let accord: AccordHarness;
  let pm: string;
  let admin: string;
  let auditor: string;
  let temporal: Client;

  beforeAll(async () => {
    temporal = new Client({ connection: await Connection.connect({ address: process.env.ACCORD_TEST_TEMPORAL_ADDRESS! }) });
    accord = await AccordHarness.start();
    pm = accord.token('paula', ['pm']);
    admin = accord.token('ada', ['admin']);
    auditor = accord.token('otto', ['auditor']);
    await accord.publish('failing-stage', FAILING_STAGE);
    await accord.publish('commented', COMMENTED);
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await accord?.stop();
  });

  /** Starts a failing-stage project and terminates its cadence's workflow once the cadence runs. */
  const startAndBreak = async (name: string) => {
    const projectId = await start('failing-stage', name);
    await accord.completeStep(pm, projectId, 'intake');
    await accord.taskOf(pm, projectId, 'ship-occurrence');
    await temporal.workflow.getHandle(`${stageWorkflowId(projectId, 'deliver', 1)}/cadence/ship`).terminate('terminated by mistake');
    return projectId;
  };

  const start = async (definitionKey: string, name: string) => {
    const response = await accord.request('POST', '/projects', { token: pm, body: { definitionKey, name } });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const openIncident = (projectId: string, count = 1) =>
    eventually(async () => {
      const response = await accord.request('GET', `/incidents?project=${projectId}`, { token: auditor });
      return response.body.items.length >= count ? (response.body.items[0] as Incident) : undefined;
    }, `incident ${count} of ${projectId}`);
  const resolve = (incident: Incident, action: 'retry' | 'skip' | 'cancel', body: Record<string, unknown> = {}, token = admin) =>
    accord.request('POST', `/incidents/${encodeURIComponent(incident.id)}/${action}`, { token, body });
  const projectOf = (projectId: string) => accord.request('GET', `/projects/${projectId}`, { token: pm }).then((response) => response.body);
  const auditOf = async (projectId: string) =>
    (await accord.request('GET', `/projects/${projectId}/audit`, { token: pm })).body.items as {
      action: string;
      actor: string;
      reason: string | null;
      detail: Record<string, unknown>;
    }[];

  it('turns a failed stage into an incident of its project; retrying runs the stage again, skipping goes on to the next stage', async () => {
    const projectId = await startAndBreak('Stage that fails');
    const first = await openIncident(projectId);
    expect(first).toMatchObject({
      kind: 'stage-failed',
      stageId: 'deliver',
      stepId: 'ship',
      errorType: 'ChildWorkflowFailure',
      status: 'open',
      skippable: true,
      message: expect.stringContaining('Child Workflow execution failed'),
    });
    expect(await projectOf(projectId)).toMatchObject({ status: 'running', currentStage: 'deliver', openIncidents: 1 });

    // Only admins resolve; auditors read.
    expect((await resolve(first, 'retry', {}, auditor)).status).toBe(403);
    expect((await resolve(first, 'skip', {})).status).toBe(400);

    // The stage runs again from just before its failure, on the code deployed now: its cadence is still terminated, so it fails the same way.
    const retried = await resolve(first, 'retry', { reason: 'Trying once more' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'resolved', resolution: 'retry', resolvedBy: 'ada' });
    const second = await eventually(async () => {
      const open = (await accord.request('GET', `/incidents?project=${projectId}`, { token: admin })).body.items as Incident[];
      return open.find((incident) => incident.id !== first.id);
    }, 'the second incident');
    expect(second).toMatchObject({ kind: 'stage-failed', stageId: 'deliver', status: 'open' });
    expect((await resolve(first, 'skip', { reason: 'Already resolved' })).status).toBe(409);

    expect((await resolve(second, 'skip', { reason: 'Shipped by hand; no task needed' })).status).toBe(200);
    // What the skipped stage left open is nobody's to do any more.
    const inbox = await eventually(async () => {
      const items = (await accord.request('GET', `/inbox?project=${projectId}`, { token: pm })).body.items as { stepId: string }[];
      return items.some((item) => item.stepId === 'wrapup') ? items : undefined;
    }, 'the close stage');
    expect(inbox.map((item) => item.stepId)).toEqual(['wrapup']);
    await accord.completeStep(pm, projectId, 'wrapup');
    const ended = await eventually(async () => {
      const project = await projectOf(projectId);
      return project.status === 'completed' ? project : undefined;
    }, 'the project to complete');
    expect(ended.openIncidents).toBe(0);

    const audit = await auditOf(projectId);
    expect(
      audit.filter((entry) => entry.action.startsWith('incident.')).map((entry) => [entry.action, entry.actor, entry.detail.action ?? entry.detail.kind]),
    ).toEqual([
      ['incident.raised', 'system', 'stage-failed'],
      ['incident.resolved', 'ada', 'retry'],
      ['incident.raised', 'system', 'stage-failed'],
      ['incident.resolved', 'ada', 'skip'],
    ]);
    expect(audit.find((entry) => entry.action === 'stage.completed' && entry.detail.outcome === 'skipped')).toBeDefined();
    const timeline = (await accord.request('GET', `/projects/${projectId}/timeline`, { token: pm })).body.items as { kind: string; detail: string }[];
    expect(timeline.filter((line) => line.kind === 'incident').map((line) => line.detail)).toEqual([
      expect.stringMatching(/^incident: stage deliver failed \(ChildWorkflowFailure\)/),
      'incident resolved by ada: retry (Trying once more)',
      expect.stringMatching(/^incident: stage deliver failed/),
      'incident resolved by ada: skip (Shipped by hand; no task needed)',
    ]);
    expect(timeline.find((line) => line.kind === 'stage-completed' && line.detail.includes('deliver'))?.detail).toBe('stage deliver skipped after it failed');
  });

  it('refuses readings while a failed stage waits for an admin, and takes them under the same key once the project goes on', async () => {
    const projectId = await startAndBreak('Readings during an incident');
    const incident = await openIncident(projectId);
    const report = () =>
      accord.request('POST', `/projects/${projectId}/metric-readings`, {
        token: pm,
        body: { progress: { rows: [{ phase: 'delivery', task: 'Ship', owner: 'paula', due: '2027-03-01', plannedPercent: 50, actualPercent: 50 }] } },
        headers: { 'idempotency-key': 'report-during-incident' },
      });

    const refused = await report();
    expect([refused.status, refused.body.code]).toEqual([409, 'PROJECT_BETWEEN_STAGES']);
    expect((await resolve(incident, 'skip', { reason: 'Shipped by hand' })).status).toBe(200);
    // The same report under the same key, as a client retries what it was told to post again.
    const taken = await eventually(async () => {
      const answer = await report();
      return answer.status === 409 ? undefined : answer;
    }, 'the report to be taken by the next stage');
    expect([taken.status, taken.body.stage]).toEqual([202, 'close']);
  });

  it('cancels the project of an incident: its stages stop, its open tasks close, and it never runs again', async () => {
    const projectId = await startAndBreak('Stage that fails, cancelled');
    const incident = await openIncident(projectId);
    const cancelled = await resolve(incident, 'cancel', { reason: 'The customer withdrew the order' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'resolved', resolution: 'cancel', resolvedBy: 'ada', reason: 'The customer withdrew the order' });
    expect(await projectOf(projectId)).toMatchObject({ status: 'cancelled', openIncidents: 0, finishedAt: expect.any(String) });
    expect((await accord.request('GET', `/inbox?project=${projectId}`, { token: pm })).body.items).toEqual([]);
    const audit = await auditOf(projectId);
    expect(audit.at(-1)).toMatchObject({ action: 'project.cancelled', actor: 'ada', reason: 'The customer withdrew the order' });
    expect((await resolve(incident, 'retry')).status).toBe(409);
  });

  describe('an activity the database refuses', () => {
    beforeAll(async () => {
      // The database refuses one kind of audit row, as it would refuse text it cannot store.
      await accord.database.dataSource.query(`
        CREATE FUNCTION refuse_comment_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'comments are refused by this database' USING ERRCODE = '22000'; END $$`);
    });
    const refuseComments = () =>
      accord.database.dataSource.query(
        `CREATE TRIGGER refuse_comment_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.action = 'task.commented') EXECUTE FUNCTION refuse_comment_audit()`,
      );
    const acceptComments = () => accord.database.dataSource.query(`DROP TRIGGER refuse_comment_audit ON audit_events`);

    it('raises an incident at once instead of retrying; once the cause is fixed, retrying lands the decision and answers the waiting request', async () => {
      const projectId = await start('commented', 'Comment refused, then retried');
      const { id: taskId } = await accord.taskOf(pm, projectId, 'draft');
      await refuseComments();
      const comment = accord.request('POST', `/tasks/${encodeURIComponent(taskId)}/comment`, { token: pm, body: { text: 'First thoughts' } });
      const incident = await openIncident(projectId);
      expect(incident).toMatchObject({
        kind: 'activity-failed',
        activity: 'recordAudit',
        errorType: 'BadData',
        stageId: 'work',
        skippable: true,
        message: expect.stringContaining('22000'),
      });
      await acceptComments();
      expect((await resolve(incident, 'retry')).status).toBe(200);
      expect((await comment).status).toBe(200);
      expect((await auditOf(projectId)).filter((entry) => entry.action === 'task.commented').map((entry) => entry.reason)).toEqual(['First thoughts']);
    });

    it('skips what failed when an admin says so, with the reason in the trail, and the project goes on', async () => {
      const projectId = await start('commented', 'Comment refused, then skipped');
      const { id: taskId } = await accord.taskOf(pm, projectId, 'draft');
      await refuseComments();
      const comment = accord.request('POST', `/tasks/${encodeURIComponent(taskId)}/comment`, { token: pm, body: { text: 'Lost thoughts' } });
      const incident = await openIncident(projectId);
      expect((await resolve(incident, 'skip', { reason: 'The comment was also sent by mail' })).status).toBe(200);
      expect((await comment).status).toBe(200);
      await acceptComments();
      expect((await accord.request('POST', `/tasks/${encodeURIComponent(taskId)}/complete`, { token: pm, body: {} })).status).toBe(200);
      await eventually(async () => ((await projectOf(projectId)).status === 'completed' ? true : undefined), 'the project to complete');
      const audit = await auditOf(projectId);
      expect(audit.map((entry) => entry.action)).not.toContain('task.commented');
      expect(audit.find((entry) => entry.action === 'incident.resolved')).toMatchObject({
        actor: 'ada',
        reason: 'The comment was also sent by mail',
        detail: { action: 'skip' },
      });
    });
  });

  it('answers 404 for an incident that does not exist, and lists nothing to callers who are not admins or auditors', async () => {
    expect((await accord.request('GET', `/incidents/${encodeURIComponent('project/x:incident:y:1')}`, { token: admin })).status).toBe(404);
    expect((await accord.request('GET', '/incidents', { token: pm })).status).toBe(403);
  });
});
