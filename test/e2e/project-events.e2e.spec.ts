import { randomUUID } from 'node:crypto';
import { AccordHarness, eventually } from '../support/accord-harness';

const CHANGES = `key: change-managed
name: Delivery with change requests
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: track
    steps:
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
    on:
      - { signal: change-request, start: adjust }
  - id: adjust
    trigger: on-demand
    steps:
      - { id: proposal, name: Write the change proposal, type: task, assignee: { role: pm } }
      - { id: confirm, name: Confirm the change in writing, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
`;

/** Complaints only the customer and the PM raise, with a form; notes (no raisedBy, no form) any member raises. */
const BY_ROLE = `key: complaints-by-role
name: Delivery with complaints by role
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
forms:
  complaint:
    type: object
    required: [channel, severity]
    additionalProperties: false
    properties:
      channel: { type: string, enum: [hotline, email] }
      severity: { type: integer, minimum: 1, maximum: 5 }
stages:
  - id: track
    steps:
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
    on:
      - { signal: note, start: complaint-handling }
  - id: complaint-handling
    trigger: on-demand
    steps:
      - { id: resolve, name: Resolve the complaint, type: task, assignee: { role: pm } }
on:
  - { signal: complaint, start: complaint-handling, raisedBy: [customer, pm], form: complaint }
`;

/**
 * Complaints and change requests only the customer and the PM raise, a complaint with a form
 * that asks whom to answer; feedback (no raisedBy) any member raises. Each reached through its
 * own endpoint (POST /projects/{id}/feedback, /change-requests), not POST /events.
 */
const THROUGH_ENDPOINTS = `key: raised-through-endpoints
name: Complaints and changes by role, through their own endpoints
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
forms:
  complaint-report:
    type: object
    required: [channel, description, contact]
    properties:
      channel: { type: string }
      description: { type: string }
      complaint: { type: boolean }
      contact: { type: string, minLength: 3 }
stages:
  - id: track
    steps:
      - { id: deliver, name: Deliver the release, type: task, assignee: { role: pm } }
    on:
      - { signal: complaint, start: follow-up, raisedBy: [customer, pm], form: complaint-report }
      - { signal: feedback, start: follow-up }
      - { signal: change-request, start: adjust, raisedBy: [customer, pm] }
  - id: follow-up
    trigger: on-demand
    steps:
      - { id: answer, name: Answer the feedback, type: task, assignee: { role: pm } }
  - id: adjust
    trigger: on-demand
    steps:
      - { id: proposal, name: Write the change proposal, type: task, assignee: { role: pm } }
`;

describe('events that start sub-processes, through the HTTP API', () => {
  let accord: AccordHarness;
  let pm: string;
  let customer: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    pm = accord.token('paula', ['pm']);
    customer = accord.token('carl', ['customer']);
    await accord.publish('change-managed', CHANGES);
    await accord.publish('complaints-by-role', BY_ROLE);
    await accord.publish('raised-through-endpoints', THROUGH_ENDPOINTS);
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const complete = (token: string, id: string, body: Record<string, unknown> = {}) =>
    accord.request('POST', `/tasks/${encodeURIComponent(id)}/complete`, { token, body });

  it('starts the change sub-process while delivery runs, and ends the project only when both are done', async () => {
    const started = await accord.request('POST', '/projects', {
      token: pm,
      body: { definitionKey: 'change-managed', name: 'With a change', members: [{ user: 'carl', role: 'customer' }] },
    });
    const projectId = started.body.id;
    const deliver = await accord.taskOf(pm, projectId, 'deliver');

    const key = randomUUID();
    const raised = await accord.request('POST', `/projects/${projectId}/events`, {
      token: customer,
      headers: { 'idempotency-key': key },
      body: { signal: 'change-request', data: { reason: 'New regulation' } },
    });
    expect(raised.status).toBe(200);
    expect(raised.body.started).toMatchObject({ stageId: 'adjust', run: 1 });
    const again = await accord.request('POST', `/projects/${projectId}/events`, {
      token: customer,
      headers: { 'idempotency-key': key },
      body: { signal: 'change-request', data: { reason: 'New regulation' } },
    });
    expect(again.body).toEqual(raised.body);

    const unknown = await accord.request('POST', `/projects/${projectId}/events`, { token: pm, body: { signal: 'complaint' } });
    expect(unknown.status).toBe(409);
    expect(unknown.body.details).toEqual([{ path: 'signal', message: 'no running stage handles "complaint" (stage track is running)' }]);

    expect((await complete(pm, deliver.id)).status).toBe(200);
    await complete(pm, (await accord.taskOf(pm, projectId, 'proposal')).id);
    // Delivery is done, but the change is still being signed: the project waits for it.
    expect((await accord.request('GET', `/projects/${projectId}`, { token: pm })).body.status).toBe('running');
    await complete(pm, (await accord.taskOf(pm, projectId, 'confirm')).id, { outcome: 'approve' });
    await complete(customer, (await accord.taskOf(customer, projectId, 'confirm')).id, { outcome: 'approve' });

    await eventually(
      async () => ((await accord.request('GET', `/projects/${projectId}`, { token: pm })).body.status === 'completed' ? true : undefined),
      'completion',
    );
    const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: pm });
    const raisedEvent = audit.body.items.find((event: { action: string }) => event.action === 'event.raised');
    expect(raisedEvent).toMatchObject({
      actor: 'carl',
      subject: 'change-request',
      detail: { data: { reason: 'New regulation' }, during: 'track', starts: 'adjust' },
    });
    const stages = audit.body.items
      .filter((event: { action: string }) => event.action === 'stage.completed')
      .map((event: { subject: string }) => event.subject);
    expect(stages.sort()).toEqual(['adjust', 'track']);
  });

  describe('who may raise a signal, and the form of its data, as the pinned definition declares them', () => {
    const COMPLAINT = { signal: 'complaint', data: { channel: 'hotline', severity: 3 } };
    let projectId: string;

    beforeEach(async () => {
      const started = await accord.request('POST', '/projects', {
        token: pm,
        body: {
          definitionKey: 'complaints-by-role',
          name: `Complaints ${randomUUID()}`,
          members: [
            { user: 'carl', role: 'customer' },
            { user: 'quinn', role: 'qa' },
          ],
        },
      });
      expect(started.status).toBe(201);
      projectId = started.body.id;
      // The team is recorded as the workflow starts: wait until each member sees the project.
      for (const member of [pm, customer, accord.token('quinn', ['qa'])]) {
        await eventually(
          async () => ((await accord.request('GET', `/projects/${projectId}`, { token: member })).status === 200 ? true : undefined),
          'the project seen by its team',
        );
      }
    });

    const raise = (token: string, body: Record<string, unknown>) => accord.request('POST', `/projects/${projectId}/events`, { token, body });
    /** The events the project recorded as raised, once the one expected last is there. */
    const raisedEvents = (count: number) =>
      eventually(async () => {
        const audit = await accord.request('GET', `/projects/${projectId}/audit`, { token: pm });
        const raised = audit.body.items.filter((event: { action: string }) => event.action === 'event.raised');
        return raised.length >= count ? raised : undefined;
      }, `${count} raised events`);

    it('refuses a member whose role the signal is not raised by, naming the signal', async () => {
      const refused = await raise(accord.token('quinn', ['qa']), COMPLAINT);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'signal', message: expect.stringContaining('customer or pm') }] });
    });

    it('gives no power to a role in the token that is no membership in the project, nor to an overseer', async () => {
      // quinn is a member as qa only: a token that also says pm does not make them this project's pm.
      const qaClaimingPm = await raise(accord.token('quinn', ['qa', 'pm']), COMPLAINT);
      expect(qaClaimingPm.status).toBe(403);
      expect(qaClaimingPm.body.details).toEqual([expect.objectContaining({ path: 'signal' })]);
      expect((await raise(accord.token('ada', ['admin', 'pm']), COMPLAINT)).status).toBe(403);
    });

    it('lets a member in a declared role raise it, and any member raise a signal that declares nobody', async () => {
      const raised = await raise(customer, COMPLAINT);
      expect(raised.status).toBe(200);
      expect(raised.body.started).toMatchObject({ stageId: 'complaint-handling', run: 1 });
      const note = await raise(accord.token('quinn', ['qa']), { signal: 'note', data: { anything: ['goes', 1] } });
      expect(note.status).toBe(200);
      expect(note.body.started).toMatchObject({ stageId: 'complaint-handling', run: 2 });
      const [complaint] = await raisedEvents(2);
      expect(complaint).toMatchObject({ actor: 'carl', subject: 'complaint', detail: { data: COMPLAINT.data } });
    });

    it('refuses data that does not fit the form, each error at its path under data, and starts nothing', async () => {
      const refused = await raise(pm, { signal: 'complaint', data: { channel: 'fax', severity: 9, sentiment: 'angry' } });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('PROJECT_EVENT_INVALID_DATA');
      expect(refused.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['data.channel', 'data.sentiment', 'data.severity']);
      const empty = await raise(pm, { signal: 'complaint' });
      expect(empty.status).toBe(422);
      expect(empty.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['data.channel', 'data.severity']);

      // Had a refused one started the stage, this would be its second run.
      const accepted = await raise(pm, COMPLAINT);
      expect(accepted.body.started).toMatchObject({ stageId: 'complaint-handling', run: 1 });
      expect(await raisedEvents(1)).toEqual([expect.objectContaining({ actor: 'paula', detail: expect.objectContaining({ data: COMPLAINT.data }) })]);
    });
  });

  /** Issue 14, events by role: the change-request and feedback endpoints raise events too, and the definition's raisedBy and form hold there as on POST /events. */
  describe('who may raise feedback, a complaint or a change request through their own endpoints', () => {
    const qa = () => accord.token('quinn', ['qa']);
    const HOTLINE = { channel: 'hotline', description: 'The weekly report arrives late' };
    const CHANGE = { trigger: 'scope', reason: 'Add the warehouse' };
    let projectId: string;

    /** A project of `definitionKey` with carl as its customer and quinn in qa, once each of them sees it. */
    const startWithTeam = async (definitionKey: string) => {
      const started = await accord.request('POST', '/projects', {
        token: pm,
        body: {
          definitionKey,
          name: `Raised ${randomUUID()}`,
          members: [
            { user: 'carl', role: 'customer' },
            { user: 'quinn', role: 'qa' },
          ],
        },
      });
      expect(started.status).toBe(201);
      for (const member of [pm, customer, qa()]) {
        await eventually(
          async () => ((await accord.request('GET', `/projects/${started.body.id}`, { token: member })).status === 200 ? true : undefined),
          'the project seen by its team',
        );
      }
      return started.body.id as string;
    };
    const post = (token: string, path: string, body: Record<string, unknown>) => accord.request('POST', `/projects/${projectId}${path}`, { token, body });
    /** The project's feedback list, once it has `count` items. */
    const feedbackItems = (count: number) =>
      eventually(async () => {
        const items = (await accord.request('GET', `/projects/${projectId}/feedback`, { token: pm })).body.items as { raisedBy: string; complaint: boolean }[];
        return items.length >= count ? items : undefined;
      }, `${count} feedback items`);

    beforeEach(async () => {
      projectId = await startWithTeam('raised-through-endpoints');
    });

    it('refuses a complaint through POST /feedback from a member whose role the definition does not declare for it, and records nothing', async () => {
      const refused = await post(qa(), '/feedback', { ...HOTLINE, complaint: true, contact: 'Quinn' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'FORBIDDEN',
        details: [{ path: 'signal', message: expect.stringContaining('complaint is raised by a member as customer or pm') }],
      });
      // Feedback declares nobody: the same member raises it.
      expect((await post(qa(), '/feedback', HOTLINE)).status).toBe(202);
      expect(await feedbackItems(1)).toEqual([expect.objectContaining({ raisedBy: 'quinn', complaint: false })]);
    });

    it('lets a member in a declared role raise a complaint through POST /feedback, its data checked against the complaint form', async () => {
      const withoutContact = await post(customer, '/feedback', { ...HOTLINE, complaint: true });
      expect(withoutContact.status).toBe(422);
      expect(withoutContact.body).toMatchObject({ code: 'PROJECT_EVENT_INVALID_DATA', details: [{ path: 'data.contact', message: 'is required' }] });
      expect((await post(customer, '/feedback', { ...HOTLINE, complaint: true, contact: 'Carl, front desk' })).status).toBe(202);
      expect(await feedbackItems(1)).toEqual([expect.objectContaining({ raisedBy: 'carl', complaint: true })]);
    });

    it('refuses a change request from a member whose role the definition does not declare for it, and lets a declared one raise it', async () => {
      const refused = await post(qa(), '/change-requests', CHANGE);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'FORBIDDEN',
        details: [{ path: 'signal', message: expect.stringContaining('change-request is raised by a member as customer or pm') }],
      });
      const raised = await post(customer, '/change-requests', CHANGE);
      expect(raised.status).toBe(202);
      // Had the refused one been delivered, this would be the stage's second run.
      expect(raised.body.started).toMatchObject({ stageId: 'adjust', run: 1 });
    });

    it("holds the shipped customer-expectation definition's raisedBy on both endpoints", async () => {
      projectId = await startWithTeam('customer-expectation');
      for (const [path, body, signal] of [
        ['/feedback', { ...HOTLINE, complaint: true }, 'complaint'],
        ['/change-requests', CHANGE, 'change-request'],
      ] as const) {
        const refused = await post(qa(), path, body);
        expect([refused.status, refused.body.details]).toEqual([
          403,
          [{ path: 'signal', message: expect.stringContaining(`${signal} is raised by a member as customer or `) }],
        ]);
        // The customer gets past the check, to the 409 of a project whose running stage (identifying expectations) takes no such event yet.
        const past = await post(customer, path, body);
        expect([past.status, past.body.code]).toEqual([409, 'PROJECT_EVENT_UNHANDLED']);
      }
    });
  });
});
