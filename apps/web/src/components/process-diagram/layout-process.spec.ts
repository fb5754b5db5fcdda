import fs from 'node:fs';
import path from 'node:path';
import { type CompiledDefinition, type DiagramEdge, layoutProcess, stepFacts } from './layout-process';
// Relative paths: Jest does not map the web app's @/. The compiler comes through Jest's own alias,
// required rather than imported so that the web app's type check does not follow it into libs/.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would pull libs/ into the web app's type check (see above)
const { compileDefinition } = require('@accord/definitions') as {
  compileDefinition: (source: string) => { ok: true; compiled: CompiledDefinition } | { ok: false; errors: unknown[] };
};

function compile(source: string): CompiledDefinition {
  const result = compileDefinition(source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compiled;
}
const customerReview = () => compile(fs.readFileSync(path.resolve(__dirname, '../../../../../definitions/customer-review.yaml'), 'utf8'));
const edgesOf = (edges: DiagramEdge[], kind: DiagramEdge['kind']) =>
  edges.filter((edge) => edge.kind === kind).map((edge) => `${edge.source} -> ${edge.target}`);

const EVERY_KIND = `key: every-kind
name: Every kind
starters: [pm]
roles: { pm: {} }
variables: { done: { type: boolean, default: false } }
stages:
  - id: first
    when: 'true'
    steps:
      - { id: wait, type: timer, duration: P2D, until: 'true' }
      - { id: compute, type: service, action: set-variables, with: { done: true } }
      - { id: report, type: cadence, every: P1W, until: done, step: { type: task, name: Weekly report, assignee: { role: pm } } }
      - { id: child, type: subprocess, stage: extra }
      - id: route
        type: gate
        routes: [ { when: 'false', goto: wait } ]
        default: end
  - id: extra
    trigger: on-demand
    steps:
      - { id: note, type: task, assignee: { role: pm } }
`;

describe('layoutProcess', () => {
  it('draws the sequence stages in order, then the on-demand ones', () => {
    const graph = layoutProcess(customerReview());
    expect(graph.stages.map(({ stage }) => [stage.stage, stage.onDemand])).toEqual([
      ['requirement-analysis', false],
      ['solution-review', false],
      ['contract-review', false],
      ['progress-review', false],
      ['feedback-review', false],
      ['complaint-handling', true],
      ['schedule-recovery', true],
      ['retention', true],
    ]);
    expect(edgesOf(graph.edges, 'stage-sequence')).toEqual([
      'process -> stage:requirement-analysis',
      'stage:requirement-analysis -> stage:solution-review',
      'stage:solution-review -> stage:contract-review',
      'stage:contract-review -> stage:progress-review',
      'stage:progress-review -> stage:feedback-review',
    ]);
  });

  it('labels the process-level handlers with their signal or metric threshold', () => {
    const handlers = layoutProcess(customerReview()).edges.filter((edge) => edge.kind === 'handler');
    expect(handlers.map(({ source, target, label }) => ({ source, target, label }))).toEqual([
      { source: 'process', target: 'stage:complaint-handling', label: { key: 'signal', text: 'complaint' } },
      { source: 'process', target: 'stage:schedule-recovery', label: { key: 'above', text: 'schedule_deviation', high: 0.1 } },
      { source: 'process', target: 'stage:retention', label: { key: 'signal', text: 'churn-warning' } },
    ]);
  });

  it('draws a rejected approval as a loop back to its rework step', () => {
    const solution = layoutProcess(customerReview()).stages[1];
    const rework = solution.edges.filter((edge) => edge.kind === 'rework');
    expect(rework).toEqual([
      expect.objectContaining({
        source: 'step:solution-review/board-decision',
        target: 'step:solution-review/design',
        back: true,
        label: { key: 'rework', text: 'design', count: 2 },
      }),
    ]);
  });

  it('splits parallel branches from the parallel step and joins them before the next step', () => {
    const analysis = layoutProcess(customerReview()).stages[0];
    expect(edgesOf(analysis.edges, 'branch')).toEqual(
      ['interview', 'survey-needs', 'competitor-analysis', 'market-research'].map(
        (step) => `step:requirement-analysis/gather -> step:requirement-analysis/${step}`,
      ),
    );
    expect(edgesOf(analysis.edges, 'join')).toHaveLength(4);
    expect(edgesOf(analysis.edges, 'sequence')).toContain('join:requirement-analysis/gather -> step:requirement-analysis/specify');
    expect(analysis.nodes.find((node) => node.id === 'join:requirement-analysis/gather')).toEqual(expect.objectContaining({ kind: 'join', label: 'all' }));
  });

  it("draws a gate's routes forward and its default back, with nothing implied after the gate", () => {
    const contract = layoutProcess(customerReview()).stages[2];
    const gate = contract.edges.filter((edge) => edge.source === 'step:contract-review/legal-ok');
    expect(gate.map(({ target, kind, back, label }) => ({ target, kind, back, label }))).toEqual([
      { target: 'step:contract-review/negotiate', kind: 'route', back: undefined, label: { key: 'route', text: 'steps["legal-check"].data.compliant' } },
      { target: 'step:contract-review/draft-contract', kind: 'default-route', back: true, label: { key: 'default' } },
    ]);
  });

  it('tells a cadence by its interval, its end and the step it repeats', () => {
    const weekly = layoutProcess(compile(EVERY_KIND)).stages[0].nodes.find((node) => node.path === 'first/report');
    expect(weekly).toEqual(expect.objectContaining({ kind: 'cadence' }));
    expect(weekly?.facts).toEqual([
      { key: 'every', duration: 'P1W' },
      { key: 'untilCondition', text: 'done' },
      { key: 'repeats', text: 'Weekly report' },
    ]);
  });

  it("shows a stage's condition, a timer's wait, a service's action, a subprocess and a gate's route to the end", () => {
    const graph = layoutProcess(compile(EVERY_KIND));
    const first = graph.stages[0];
    expect(first.stage.facts).toEqual([{ key: 'when', text: 'true' }]);
    expect(first.nodes.map((node) => node.kind)).toEqual(['timer', 'service', 'cadence', 'subprocess', 'gate', 'stage-end']);
    expect(first.nodes[0].facts).toEqual([
      { key: 'duration', duration: 'P2D' },
      { key: 'timerUntil', text: 'true' },
    ]);
    expect(first.nodes[1].facts).toEqual([{ key: 'action', text: 'set-variables' }]);
    expect(first.nodes[3].facts).toEqual([{ key: 'subprocessStage', text: 'extra' }]);
    expect(first.edges.filter((edge) => edge.source === 'step:first/route').map(({ target, kind, back }) => ({ target, kind, back }))).toEqual([
      { target: 'step:first/wait', kind: 'route', back: true },
      { target: 'end:first', kind: 'default-route', back: undefined },
    ]);
    expect(graph.edges.filter((edge) => edge.kind === 'handler')).toEqual([]);
  });

  it('gives an approval its policy and approvers, a task its assignee and due time', () => {
    const [specify, review, confirm] = customerReview().stages[0].steps.slice(1);
    expect(stepFacts(specify)).toEqual([
      { key: 'assignee', text: 'pm' },
      { key: 'due', duration: { workdays: 3 } },
    ]);
    expect(stepFacts(review)).toEqual(
      [
        { key: 'title', text: 'Requirement review with the customer' },
        { key: 'organizer', text: 'pm' },
      ].filter((fact) => fact.key !== 'title' || review.name !== fact.text),
    );
    expect(stepFacts(confirm)).toEqual([
      { key: 'policy', text: 'single', count: 1 },
      { key: 'approvers', text: 'customer' },
    ]);
  });

  it('leaves room for a status line when a position or counts are shown', () => {
    const plain = layoutProcess(customerReview()).stages[0].nodes[0];
    const withStatus = layoutProcess(customerReview(), { statusLine: true }).stages[0].nodes[0];
    expect(withStatus.height).toBeGreaterThan(plain.height);
  });
});
