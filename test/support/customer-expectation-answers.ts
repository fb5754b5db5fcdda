/**
 * What the participants of a customer-expectation project answer, task by task: shared by
 * the workflow test (scripted days on the time-skipping server) and the HTTP end-to-end test.
 */
export const USERS: Record<string, string> = { sales: 'sam', pm: 'paula', tech_lead: 'tom', qa: 'quinn', pmo: 'olga', dept_head: 'dora', service: 'sven', customer: 'carl' };
export const MEMBERS = Object.entries(USERS).map(([role, user]) => ({ user, role }));

const goal = (specific: string, metric: string, target: number, unit: string, expectations: string[], deadline: string, direction?: 'at-most') => ({
  kind: 'deliverable',
  specific,
  metric,
  target,
  unit,
  ...(direction ? { direction } : {}),
  achievability: 'The same team delivered this module for two customers last year',
  expectations,
  deadline,
});

export const GOALS_V1 = [
  goal('ERP live in both plants before the trade fair', 'plants live', 2, 'plants', ['Go live before the trade fair'], '2027-03-01'),
  goal('Month-end close done within one working day', 'close duration', 1, 'days', ['Month-end close in one day'], '2027-04-30', 'at-most'),
];
export const GOALS_V2 = [...GOALS_V1, goal('Warehouse module live in the main plant', 'warehouse modules live', 1, 'modules', ['Go live before the trade fair'], '2027-05-31')];

export const progressTable = (planned: number, actual: number) => ({ rows: [{ phase: 'implementation', task: 'Finance roll-out', owner: 'paula', due: '2027-02-01', plannedPercent: planned, actualPercent: actual }] });

/** Form data per step id, for the steps whose answer does not depend on the day. */
export const ANSWERS: Record<string, Record<string, unknown>> = {
  'presales-intake': { phase: 'presales', channel: 'business-meeting', source: 'Kick-off with the CFO', expectations: [
    { title: 'Go live before the trade fair', category: 'key-date', keyDate: '2027-03-01' },
    { title: 'Month-end close in one day', category: 'objective' },
  ] },
  'market-research': { phase: 'presales', channel: 'market-research', expectations: [{ title: 'Mobile approvals like competitors', category: 'requirement' }] },
  'contract-points': { phase: 'contract', channel: 'contract-negotiation', concerns: 'Penalty clauses for late delivery', expectations: [{ title: 'Fixed price', category: 'requirement' }] },
  analyse: { items: [
    { expectation: 'Go live before the trade fair', maslow: 'esteem', kano: 'basic', fishbone: [{ category: 'people', cause: 'Key users busy preparing the fair' }] },
    { expectation: 'Month-end close in one day', maslow: 'safety', kano: 'performance' },
    { expectation: 'Mobile approvals like competitors', maslow: 'esteem', kano: 'excitement' },
  ] },
  'draft-document': { customer: 'ACME Manufacturing', background: 'Two plants still close the books on spreadsheets', objectives: 'One ERP for finance and stock', requirementPoints: ['Finance', 'Stock'] },
  guidance: { phase: 'contract', actions: [{ kind: 'capability-based-promise', description: 'Promised what our ERP does today' }], commitments: [
    { commitment: 'Go live in three months', withinCapability: true },
    { commitment: 'Mobile approvals in phase one', withinCapability: false },
  ] },
  'draft-goals': { goals: GOALS_V1 },
  'sales-to-delivery': { from: 'sales', to: 'delivery', notes: 'Customer worries about penalty clauses' },
  'milestone-check-occurrence': { milestone: 'Finance live in plant 1', confirmed: true },
  causes: { causes: [{ category: 'resources', cause: 'Key user on leave' }], correctiveActions: [{ action: 'Add a consultant', owner: 'paula', due: '2027-01-15' }] },
  'follow-up': { effective: true, evidence: 'Back within plan' },
  lessons: { lessons: ['Plan around key-user leave'] },
  proposal: { trigger: 'scope', reason: 'The customer wants the warehouse too', changedItems: ['Add the warehouse module'], impact: { cost: 20000, scheduleDays: 10, resources: 'One more consultant' } },
  'revise-goals': { goals: GOALS_V2 },
  survey: { overall: 4, deliverables: 5, service: 4 },
  'verify-goals': { results: [{ goal: 1, actual: 2 }, { goal: 2, actual: 1 }, { goal: 3, actual: 0 }] },
  report: { summary: 'Delivered with one change and one deviation', incentives: [] },
  'qa-to-after-sales': { from: 'qa', to: 'after-sales', notes: 'Warehouse module needs a return visit' },
};

/** Minutes for any meeting of the process. */
export const minutes = (when: string) => ({ minutes: `Held ${when}`, actionItems: [{ item: 'Send the updated plan', owner: 'paula', due: '2027-01-20' }] });
