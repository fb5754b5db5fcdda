import { AccordHarness } from '../support/accord-harness';

// The PM submits the plan; only the customer approves it, so the submitter is no approver.
const DEFINITION = `key: plan-withdrawal
name: A plan the customer approves
starters: [pm]
roles: { pm: {}, qa: {}, customer: { external: true } }
stages:
  - id: plan
    steps:
      - { id: draft, name: Draft the plan, type: task, assignee: { role: pm } }
      - id: approve
        name: Approve the plan
        type: approval
        policy: { kind: all, approvers: [ { role: customer } ] }
        onReject: { rework: draft, maxRounds: 2 }
`;

/**
 * Issue 14: withdrawing an approval takes the path of every task action. Who may not see the
 * task is told it does not exist (404); overseers, who read it, may not act (403); its
 * submitter, no approver, finds it, even when it was opened before the workflow recorded them.
 */
describe('withdrawing an approval (HTTP API)', () => {
  let accord: AccordHarness;
  const tokens: Record<'paula' | 'quinn' | 'carl' | 'otto', string> = { paula: '', quinn: '', carl: '', otto: '' };
  let projectId: string;
  let approval: string;
  let firstDraft: string;

  beforeAll(async () => {
    accord = await AccordHarness.start();
    tokens.paula = accord.token('paula', ['pm']);
    tokens.quinn = accord.token('quinn', ['qa']);
    tokens.carl = accord.token('carl', ['customer']);
    tokens.otto = accord.token('otto', ['auditor']);
    await accord.publish('plan-withdrawal', DEFINITION);
    const started = await accord.request('POST', '/projects', {
      token: tokens.paula,
      body: {
        definitionKey: 'plan-withdrawal',
        name: 'Withdrawn plan',
        members: [
          { user: 'quinn', role: 'qa' },
          { user: 'carl', role: 'customer' },
        ],
      },
    });
    expect(started.status).toBe(201);
    projectId = started.body.id;
    firstDraft = (await accord.taskOf(tokens.paula, projectId, 'draft')).id;
    expect((await accord.request('POST', `/tasks/${encodeURIComponent(firstDraft)}/complete`, { token: tokens.paula, body: {} })).status).toBe(200);
    approval = (await accord.taskOf(tokens.carl, projectId, 'approve')).id;
  });

  afterAll(async () => {
    await accord?.stop();
  });

  const path = (rest = '') => `/tasks/${encodeURIComponent(approval)}${rest}`;

  it('tells a member who may not see the approval that it does not exist, and an overseer who reads it that overseers do not act', async () => {
    const qa = await accord.request('POST', path('/withdraw'), { token: tokens.quinn, body: {} });
    expect([qa.status, qa.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect((await accord.request('GET', path(), { token: tokens.otto })).status).toBe(200);
    const auditor = await accord.request('POST', path('/withdraw'), { token: tokens.otto, body: {} });
    expect([auditor.status, auditor.body.code, auditor.body.message]).toEqual([403, 'FORBIDDEN', expect.stringContaining('overseers read, they do not act')]);
  });

  it('lets the submitter, no approver, find and withdraw an approval opened before the workflow recorded its submitter', async () => {
    await accord.database.dataSource.query(`UPDATE tasks SET submitted_by = NULL WHERE id = $1`, [approval]);
    const view = await accord.request('GET', path(), { token: tokens.paula });
    expect([view.status, view.body.submittedBy, view.body.mayWithdraw]).toEqual([200, 'paula', true]);
    expect((await accord.request('POST', path('/withdraw'), { token: tokens.paula, body: {} })).status).toBe(200);
    // Back for rework: the draft is the PM's again.
    expect((await accord.taskOf(tokens.paula, projectId, 'draft')).id).not.toBe(firstDraft);
  });
});
