import { AccordHarness, eventually } from '../support/accord-harness';
import { dateInDays } from '../support/dates';

// Goals drafted by one project manager and signed by another and the customer; a refusal
// sends them back for rework, and the signed goals become baseline v1.
const DEFINITION = `key: goal-submission
name: Goals submitted for signature
starters: [pm]
roles: { pm: { name: Project manager }, customer: { name: Customer contact, external: true } }
forms:
  smart-goals:
    type: object
    required: [goals]
    properties:
      goals:
        type: array
        minItems: 1
        items:
          type: object
          required: [kind, specific, metric, target, unit, achievability, expectations, deadline]
          properties:
            kind: { type: string, enum: [deliverable, milestone, quality-standard, acceptance-condition] }
            specific: { type: string }
            metric: { type: string }
            target: { type: number }
            unit: { type: string }
            achievability: { type: string }
            expectations: { type: array, items: { type: string } }
            deadline: { type: string, format: date }
stages:
  - id: set
    steps:
      - { id: draft-goals, name: Draft SMART goals, type: task, assignee: { role: pm }, form: smart-goals }
      - id: sign-goals
        name: Sign the goals
        type: approval
        policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] }
        onReject: { rework: draft-goals, maxRounds: 2 }
      - { id: baseline, name: Publish the baseline, type: service, action: publish-baseline, with: { goals: draft-goals, signatures: sign-goals } }
`;

const goal = (specific: string, metric: string, unit: string) => ({
  kind: 'deliverable',
  specific,
  metric,
  target: 2,
  unit,
  achievability: 'The same team delivered this module for two customers last year',
  expectations: ['Go live before the trade fair'],
  deadline: dateInDays(90),
});
const FIRST_DRAFT = { goals: [goal('ERP live in both plants before the trade fair', 'plants live', 'plants')] };
const SECOND_DRAFT = { goals: [...FIRST_DRAFT.goals, goal('Month-end close done within two working days', 'close duration', 'days')] };

interface DecidedStep {
  stepId: string;
  outcome: string;
  completedBy: string;
  completedAt: string;
  submissionVersion: number | null;
}

/**
 * Issue 12, follow-up: the task view says who submitted an approval and whether the caller
 * may withdraw it, which version of the submission it and each decision on it are about,
 * and the baseline says when each side signed.
 */
describe('who submitted an approval, on which version each side decided, and when (HTTP API)', () => {
  let accord: AccordHarness;
  const tokens: Record<'paula' | 'pete' | 'carl', string> = { paula: '', pete: '', carl: '' };
  let projectId: string;
  /** The first round's approval tasks, one per side. */
  let companySide: string;
  let customerSide: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    tokens.paula = accord.token('paula', ['pm']);
    tokens.pete = accord.token('pete', ['pm']);
    tokens.carl = accord.token('carl', ['customer']);
    await accord.publish('goal-submission', DEFINITION);
    const started = await accord.request('POST', '/projects', {
      token: tokens.paula,
      body: {
        definitionKey: 'goal-submission',
        name: 'ACME goals',
        members: [
          { user: 'pete', role: 'pm' },
          { user: 'carl', role: 'customer' },
        ],
      },
    });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    expect((await accord.completeStep(tokens.pete, projectId, 'draft-goals', { data: FIRST_DRAFT })).status).toBe(200);
    customerSide = (await accord.taskOf(tokens.carl, projectId, 'sign-goals')).id;
    companySide = (await accord.taskOf(tokens.paula, projectId, 'sign-goals')).id;
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const getTask = (id: string, as: keyof typeof tokens) => accord.request('GET', `/tasks/${encodeURIComponent(id)}`, { token: tokens[as] });

  it('tells the submitter, and only them, that they may withdraw the approval', async () => {
    const views = await Promise.all(
      (['pete', 'paula', 'carl'] as const).map(async (user) => [user, (await getTask(user === 'carl' ? customerSide : companySide, user)).body] as const),
    );
    expect(views.map(([user, view]) => [user, view.submittedBy, view.mayWithdraw])).toEqual([
      ['pete', 'pete', true],
      ['paula', 'pete', false],
      ['carl', 'pete', false],
    ]);
    // The submitter follows the side they are not an approver of too, and may withdraw there.
    const theirs = await getTask(customerSide, 'pete');
    expect([theirs.status, theirs.body.mayWithdraw]).toEqual([200, true]);
    // The API and the workflow agree: the one told no is refused.
    expect((await accord.request('POST', `/tasks/${encodeURIComponent(companySide)}/withdraw`, { token: tokens.paula, body: {} })).status).toBe(403);
  });

  it('records the submitter on the approval task row', async () => {
    const rows = await accord.database.dataSource.query(`SELECT submitted_by FROM tasks WHERE project_id = $1 AND step_id = 'sign-goals' ORDER BY id`, [
      projectId,
    ]);
    expect(rows).toEqual([{ submitted_by: 'pete' }, { submitted_by: 'pete' }]);
  });

  it('infers the submitter as the workflow does for approvals opened before it was recorded', async () => {
    await accord.database.dataSource.query(`UPDATE tasks SET submitted_by = NULL WHERE id = $1`, [companySide]);
    const view = (await getTask(companySide, 'pete')).body;
    expect([view.submittedBy, view.mayWithdraw]).toEqual(['pete', true]);
  });

  it('says which version of the submission the approval and each decision on it are about, across a return for rework', async () => {
    expect((await getTask(customerSide, 'carl')).body.submission).toEqual({
      stepId: 'draft-goals',
      title: 'Draft SMART goals',
      version: 1,
      submittedBy: 'pete',
      submittedAt: expect.any(String),
    });
    expect(
      (
        await accord.request('POST', `/tasks/${encodeURIComponent(customerSide)}/complete`, {
          token: tokens.carl,
          body: { outcome: 'reject', comment: 'The month-end close is missing' },
        })
      ).status,
    ).toBe(200);
    expect((await accord.completeStep(tokens.pete, projectId, 'draft-goals', { data: SECOND_DRAFT })).status).toBe(200);
    expect((await accord.completeStep(tokens.paula, projectId, 'sign-goals', { outcome: 'approve' })).status).toBe(200);

    const secondRound = await accord.taskOf(tokens.carl, projectId, 'sign-goals');
    expect(secondRound.id).not.toBe(customerSide);
    const view = (await getTask(secondRound.id, 'carl')).body;
    expect([view.submission.version, view.submission.submittedBy, view.submittedBy]).toEqual([2, 'pete', 'pete']);
    expect(view.decidedSoFar.map((step: DecidedStep) => [step.stepId, step.completedBy, step.outcome, step.submissionVersion])).toEqual([
      ['draft-goals', 'pete', 'done', null],
      ['sign-goals', 'carl', 'reject', 1],
      ['draft-goals', 'pete', 'done', null],
      ['sign-goals', 'paula', 'approve', 2],
    ]);
    // Closed, the first round's approval keeps its version and offers no withdrawal any more.
    const firstRound = (await getTask(customerSide, 'carl')).body;
    expect([firstRound.status, firstRound.submission.version, firstRound.mayWithdraw]).toEqual(['completed', 1, false]);
  });

  it('gives each baseline signature the time it was given', async () => {
    expect((await accord.completeStep(tokens.carl, projectId, 'sign-goals', { outcome: 'approve' })).status).toBe(200);
    const baselines = await eventually(async () => {
      const response = await accord.request('GET', `/projects/${projectId}/baselines`, { token: tokens.carl });
      return response.status === 200 && response.body.items.length > 0 ? response.body.items : undefined;
    }, 'baseline v1');
    const secondRound = (
      await accord.database.dataSource.query(
        `SELECT id FROM tasks WHERE project_id = $1 AND step_id = 'sign-goals' AND completed_by = 'carl' AND outcome = 'approve'`,
        [projectId],
      )
    )[0].id;
    const decisions = (await getTask(secondRound, 'carl')).body;
    const paulaSigned = decisions.decidedSoFar.filter((step: DecidedStep) => step.stepId === 'sign-goals' && step.completedBy === 'paula')[0].completedAt;
    const expected = [
      { approver: 'role:pm', by: 'paula', decision: 'approve', at: paulaSigned },
      { approver: 'role:customer', by: 'carl', decision: 'approve', at: decisions.closedAt },
    ];
    expect(baselines.map((baseline: { version: number; signatures: unknown[] }) => [baseline.version, baseline.signatures])).toEqual([[1, expected]]);
    expect((await accord.request('GET', `/projects/${projectId}/baselines/1`, { token: tokens.pete })).body.signatures).toEqual(expected);
  });
});
