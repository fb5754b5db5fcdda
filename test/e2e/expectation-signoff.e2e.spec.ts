import { randomUUID } from 'node:crypto';
import { AccordHarness, eventually } from '../support/accord-harness';

const PM = { user: 'paula', roles: ['pm'] };
const CUSTOMER = { user: 'carl', roles: ['customer'] };

describe('expectation sign-off through the HTTP API', () => {
  let accord: AccordHarness;
  let pm: string;
  let customer: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    pm = accord.token(PM.user, PM.roles);
    customer = accord.token(CUSTOMER.user, CUSTOMER.roles);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  async function startProject(name: string): Promise<string> {
    const response = await accord.request('POST', '/projects', {
      token: pm,
      body: { definitionKey: 'expectation-signoff', name, members: [{ user: CUSTOMER.user, role: 'customer' }] },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function openTask(token: string, projectId: string, stepId: string): Promise<{ id: string }> {
    return eventually(async () => {
      const inbox = await accord.request('GET', '/inbox', { token });
      return inbox.body.items.find((task: { projectId: string; stepId: string }) => task.projectId === projectId && task.stepId === stepId);
    }, `task ${stepId} of ${projectId} in the inbox`);
  }

  const validSummary = { summary: 'Go live before the trade fair', priority: 'high', keyDate: '2027-03-01' };

  it('answers 401 to a request without a bearer token', async () => {
    const response = await accord.request('GET', '/inbox');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 to a token signed with another secret', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5Iiwicm9sZXMiOlsiYWRtaW4iXX0.3vQ0Tg8tEoW9yq7Qm6n8y6Jd5kL0e6r2o8Vf9s1Xc2A';
    const response = await accord.request('GET', '/inbox', { token: forged });
    expect(response.status).toBe(401);
  });

  it('answers 403 when a role that may not start projects tries to', async () => {
    const response = await accord.request('POST', '/projects', { token: customer, body: { definitionKey: 'expectation-signoff', name: 'Not mine to start' } });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('answers 400 with the path of each invalid field of a start request', async () => {
    const response = await accord.request('POST', '/projects', { token: pm, body: { definitionKey: 'Bad Key', name: '' } });
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['definitionKey', 'name']);
  });

  it('reports PostgreSQL and Temporal as reachable on /health without a token', async () => {
    const response = await accord.request('GET', '/health');
    expect(response).toEqual({ status: 200, body: { status: 'ok', database: 'up', temporal: 'up' } });
  });

  it('describes its endpoints in the OpenAPI document', async () => {
    const response = await accord.request('GET', '/docs-json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/projects',
        '/projects/{id}',
        '/projects/{id}/audit',
        '/inbox',
        '/tasks/{id}',
        '/tasks/{id}/complete',
        '/health',
        '/teams/{team}/kpi-report',
        '/projects/{id}/deviation-analyses',
        '/projects/{id}/action-items',
        '/projects/{id}/expectations',
        '/customers/{key}',
      ]),
    );
  });

  it('runs a project from start to completed, every decision audited, surviving a worker restart', async () => {
    const projectId = await startProject('ACME ERP roll-out');

    const record = await openTask(pm, projectId, 'record');
    const detail = await accord.request('GET', `/tasks/${encodeURIComponent(record.id)}`, { token: pm });
    expect(detail.body).toMatchObject({ status: 'open', outcomes: ['done'], formId: 'expectation-summary', form: { required: ['summary', 'priority'] } });
    // A task the customer may not see answers as one that does not exist.
    expect((await accord.request('GET', `/tasks/${encodeURIComponent(record.id)}`, { token: customer })).status).toBe(404);
    const customerInbox = await accord.request('GET', '/inbox', { token: customer });
    expect(customerInbox.body.items.map((task: { id: string }) => task.id)).not.toContain(record.id);
    expect((await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, { token: customer, body: { data: validSummary } })).status).toBe(
      404,
    );

    const invalid = await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, {
      token: pm,
      body: { data: { summary: 'x', priority: 'urgent' } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['data.priority', 'data.summary']);

    const requestId = randomUUID();
    const completion = await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, {
      token: pm,
      headers: { 'idempotency-key': requestId },
      body: { data: validSummary, comment: 'Agreed in the kick-off meeting' },
    });
    expect(completion.status).toBe(200);
    expect(completion.body).toMatchObject({ taskId: record.id, status: 'completed', outcome: 'done', completedBy: PM.user, requestId });
    const repeat = await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, {
      token: pm,
      headers: { 'idempotency-key': requestId },
      body: { data: validSummary, comment: 'Agreed in the kick-off meeting' },
    });
    expect(repeat).toEqual(completion);

    const pmSignature = await openTask(pm, projectId, 'sign');
    const customerSignature = await openTask(customer, projectId, 'sign');
    expect(pmSignature.id).not.toBe(customerSignature.id);
    // The customer signs knowing what: the expectations recorded earlier in the stage.
    const signing = await accord.request('GET', `/tasks/${encodeURIComponent(customerSignature.id)}`, { token: customer });
    expect(signing.body.decidedSoFar).toEqual([expect.objectContaining({ stepId: 'record', outcome: 'done', data: validSummary, completedBy: PM.user })]);

    // A deploy or crash of the worker between two decisions loses nothing.
    await accord.stopWorker();
    await accord.startWorker();

    // Paula submitted what the customer signs: she follows the approval, and cannot sign in their place.
    expect(
      (await accord.request('POST', `/tasks/${encodeURIComponent(customerSignature.id)}/complete`, { token: pm, body: { outcome: 'approve' } })).status,
    ).toBe(403);
    expect((await accord.request('POST', `/tasks/${encodeURIComponent(pmSignature.id)}/complete`, { token: pm, body: { outcome: 'approve' } })).status).toBe(
      200,
    );
    expect(
      (
        await accord.request('POST', `/tasks/${encodeURIComponent(customerSignature.id)}/complete`, {
          token: customer,
          body: { outcome: 'approve', comment: 'Signed for ACME' },
        })
      ).status,
    ).toBe(200);

    const project = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}`, { token: pm });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'the project to complete');
    expect(project).toMatchObject({ id: projectId, name: 'ACME ERP roll-out', definition: { key: 'expectation-signoff', version: 1 }, startedBy: PM.user });
    expect(project.finishedAt).not.toBeNull();

    // The customer follows the project but not the company's internal trail.
    expect((await accord.request('GET', `/projects/${projectId}`, { token: customer })).status).toBe(200);
    expect((await accord.request('GET', `/projects/${projectId}/audit`, { token: customer })).status).toBe(403);
    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: pm });
    expect(audit.status).toBe(200);
    const trail = audit.body.items.map((event: { action: string; actor: string }) => `${event.action} by ${event.actor}`);
    expect(trail).toEqual([
      'project.started by paula',
      'stage.started by system',
      'task.opened by system',
      'task.completed by paula',
      'task.opened by system',
      'task.opened by system',
      'approval.decided by paula',
      'approval.decided by carl',
      'stage.completed by system',
      'project.completed by system',
    ]);
    const recorded = audit.body.items.find((event: { action: string }) => event.action === 'task.completed');
    // The audit keeps the key scoped to its caller and task (derived from the one sent), so two callers' keys never meet.
    expect(recorded).toMatchObject({
      requestId: expect.stringMatching(/^idem-[0-9a-f]{32}$/),
      reason: 'Agreed in the kick-off meeting',
      detail: { outcome: 'done', data: validSummary },
    });
  });

  it('applies one of two simultaneous completions of a task and answers 409 to the other', async () => {
    const projectId = await startProject('Two clicks at once');
    const record = await openTask(pm, projectId, 'record');
    const complete = (requestId: string) =>
      accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, {
        token: pm,
        headers: { 'idempotency-key': requestId },
        body: { data: validSummary },
      });
    const statuses = (await Promise.all([complete(randomUUID()), complete(randomUUID())])).map((response) => response.status);
    expect(statuses.sort()).toEqual([200, 409]);
    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: pm });
    expect(audit.body.items.filter((event: { action: string }) => event.action === 'task.completed')).toHaveLength(1);
  });

  it('ends the project as rejected when the customer refuses to sign', async () => {
    const projectId = await startProject('Refused');
    const record = await openTask(pm, projectId, 'record');
    await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, { token: pm, body: { data: validSummary } });
    const signature = await openTask(customer, projectId, 'sign');
    const refusal = await accord.request('POST', `/tasks/${encodeURIComponent(signature.id)}/complete`, {
      token: customer,
      body: { outcome: 'reject', comment: 'Key date too late' },
    });
    expect(refusal.status).toBe(200);
    const project = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}`, { token: pm });
      return response.body.status === 'rejected' ? response.body : undefined;
    }, 'the project to be rejected');
    expect(project.currentStage).toBe('set');
    const inbox = await accord.request('GET', '/inbox', { token: pm });
    expect(inbox.body.items.filter((task: { projectId: string }) => task.projectId === projectId)).toEqual([]);
  });

  it('lets the submitter withdraw the request for signatures over HTTP, and nobody else', async () => {
    const projectId = await startProject('Withdrawn');
    const record = await openTask(pm, projectId, 'record');
    await accord.request('POST', `/tasks/${encodeURIComponent(record.id)}/complete`, { token: pm, body: { data: validSummary } });
    const signature = await openTask(customer, projectId, 'sign');
    const refused = await accord.request('POST', `/tasks/${encodeURIComponent(signature.id)}/withdraw`, { token: customer, body: {} });
    expect(refused.status).toBe(403);
    expect((await accord.request('POST', `/tasks/${encodeURIComponent(signature.id)}/withdraw`, { token: pm, body: {} })).status).toBe(200);
    // The step allows no rework, so taking the request back ends the project.
    const project = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}`, { token: pm });
      return response.body.status === 'rejected' ? response.body : undefined;
    }, 'the project to end');
    expect(project.status).toBe('rejected');
  });

  it('answers 404 for a project that does not exist', async () => {
    const response = await accord.request('GET', `/projects/${randomUUID()}`, { token: pm });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('PROJECT_NOT_FOUND');
  });

  it('starts one project for a repeated start request with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await accord.request('POST', '/projects', {
      token: pm,
      headers: { 'idempotency-key': key },
      body: { definitionKey: 'expectation-signoff', name: 'Once' },
    });
    const second = await accord.request('POST', '/projects', {
      token: pm,
      headers: { 'idempotency-key': key },
      body: { definitionKey: 'expectation-signoff', name: 'Once' },
    });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
  });

  it('answers a start repeated after its project completed with that project, still completed, and starts nothing', async () => {
    const key = randomUUID();
    const start = () =>
      accord.request('POST', '/projects', {
        token: pm,
        headers: { 'idempotency-key': key },
        body: { definitionKey: 'expectation-signoff', name: 'Done once', members: [{ user: CUSTOMER.user, role: 'customer' }] },
      });
    const projectId = (await start()).body.id as string;
    await accord.completeStep(pm, projectId, 'record', { data: validSummary });
    await accord.completeStep(pm, projectId, 'sign', { outcome: 'approve' });
    await accord.completeStep(customer, projectId, 'sign', { outcome: 'approve' });
    const completed = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}`, { token: pm });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'the project to complete');

    const repeated = await start();
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ id: projectId, status: 'completed', finishedAt: completed.finishedAt });
    const runs = await accord.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1 AND action = 'project.started'`, [
      projectId,
    ]);
    expect(runs).toEqual([{ n: 1 }]);
    expect((await accord.request('GET', `/inbox?project=${projectId}`, { token: pm })).body.items).toEqual([]);
  });
});
