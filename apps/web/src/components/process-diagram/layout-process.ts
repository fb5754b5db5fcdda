// Type-only: the compiled definition's shape is the contract the API returns; nothing of libs/ is bundled.
import type { CompiledDefinition, CompiledStage, CompiledStep, Duration, StageHandler } from '../../../../../libs/contracts/src/compiled-definition';

export type { CompiledDefinition, Duration };

export type StepKind = CompiledStep['type'];
export type DiagramNodeKind = 'process' | 'stage' | StepKind | 'join' | 'stage-end';

/** One line of what a node says about its step, translated by the view (`processDiagram.fact.<key>`). */
export interface Fact {
  key:
    | 'when'
    | 'assignee'
    | 'due'
    | 'policy'
    | 'approvers'
    | 'organizer'
    | 'every'
    | 'beforeDeadlines'
    | 'untilCondition'
    | 'untilReached'
    | 'repeats'
    | 'duration'
    | 'timerUntil'
    | 'defaultRoute'
    | 'join'
    | 'action'
    | 'subprocessStage'
    | 'subprocessDefinition'
    | 'title';
  text?: string;
  duration?: Duration;
  count?: number;
}

export interface DiagramNode {
  /** Unique in the diagram: `stage:<id>`, `step:<stage>/<step>`, `join:<stage>/<step>`, `end:<stage>`, `process`. */
  id: string;
  kind: DiagramNodeKind;
  label: string;
  /** The stage a step belongs to. */
  stage?: string;
  /** `<stage>/<step>`, as the API names a step in a project's position and in the step counts. */
  path?: string;
  facts: Fact[];
  width: number;
  height: number;
  /** Stages only: started by a handler or a subprocess rather than in sequence. */
  onDemand?: boolean;
}

export type DiagramEdgeKind = 'sequence' | 'branch' | 'join' | 'route' | 'default-route' | 'rework' | 'handler' | 'stage-sequence';

export interface EdgeLabel {
  key: 'route' | 'default' | 'rework' | 'signal' | 'above' | 'below' | 'between';
  text?: string;
  count?: number;
  low?: number;
  high?: number;
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  kind: DiagramEdgeKind;
  label?: EdgeLabel;
  /** Goes back to an earlier step (a rework loop, a gate's route back): drawn below the stage, not laid out. */
  back?: boolean;
}

export interface StageGraph {
  stage: DiagramNode;
  /** The stage's steps, joins and end, in the order the definition lists them. */
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export interface ProcessGraph {
  process: DiagramNode;
  /** Sequence stages in order, then on-demand ones. */
  stages: StageGraph[];
  /** Between stages: the sequence, and the handlers that start on-demand stages. */
  edges: DiagramEdge[];
}

const STEP_WIDTH = 172;
const PARALLEL_WIDTH = 150;
const SMALL_WIDTH = 96;
const CHARS_PER_LINE = 16;

export const stepPath = (stage: string, step: string): string => `${stage}/${step}`;
export const stageNodeId = (stage: string): string => `stage:${stage}`;
export const stepNodeId = (stage: string, step: string): string => `step:${stepPath(stage, step)}`;

const assigneeText = (assignee: { role: string } | { user: string }): string => ('role' in assignee ? assignee.role : `@${assignee.user}`);

/** What a node tells about its step, beyond its kind and name. */
export function stepFacts(step: CompiledStep): Fact[] {
  const facts: Fact[] = [];
  switch (step.type) {
    case 'task':
      facts.push({
        key: 'assignee',
        text: step.assigneeFrom ? `${assigneeText(step.assignee)} (${step.assigneeFrom.step}.${step.assigneeFrom.field})` : assigneeText(step.assignee),
      });
      if (step.due) facts.push({ key: 'due', duration: step.due });
      break;
    case 'approval':
      facts.push({ key: 'policy', text: step.policy.kind, count: step.policy.quorum ?? step.policy.approvers.length });
      facts.push({ key: 'approvers', text: step.policy.approvers.map(assigneeText).join(', ') });
      break;
    case 'meeting':
      if (step.title !== step.name) facts.push({ key: 'title', text: step.title });
      facts.push({ key: 'organizer', text: assigneeText(step.organizer) });
      break;
    case 'cadence':
      if (step.every) facts.push({ key: 'every', duration: step.every });
      if (step.beforeDeadlines) facts.push({ key: 'beforeDeadlines', count: step.beforeDeadlines.workdays });
      facts.push(typeof step.until === 'string' ? { key: 'untilCondition', text: step.until } : { key: 'untilReached', text: step.until.reached });
      facts.push({ key: 'repeats', text: step.step.type === 'meeting' ? step.step.title : step.step.name });
      break;
    case 'timer':
      facts.push({ key: 'duration', duration: step.duration });
      if (step.until) facts.push({ key: 'timerUntil', text: step.until });
      break;
    case 'gate':
      facts.push({ key: 'defaultRoute', text: step.default });
      break;
    case 'parallel':
      facts.push({ key: 'join', text: step.join, count: step.branches.length });
      break;
    case 'service':
      facts.push({ key: 'action', text: step.action });
      break;
    case 'subprocess':
      facts.push(
        'stage' in step
          ? { key: 'subprocessStage', text: step.stage }
          : { key: 'subprocessDefinition', text: step.definition, ...(step.version === undefined ? {} : { count: step.version }) },
      );
      break;
  }
  if (step.when) facts.unshift({ key: 'when', text: step.when });
  return facts;
}

/** Room for the kind line, the name (wrapped, at most three lines), the facts and, when asked, a status line. */
function stepHeight(label: string, facts: Fact[], statusLine: boolean): number {
  const nameLines = Math.min(3, Math.max(1, Math.ceil(label.length / CHARS_PER_LINE)));
  return 28 + nameLines * 18 + facts.length * 17 + (statusLine ? 24 : 0) + 8;
}

/** A handler's edge label: its signal, or its metric and threshold. */
export function handlerLabel(handler: StageHandler): EdgeLabel {
  if ('signal' in handler) return { key: 'signal', text: handler.signal };
  if (handler.above !== undefined && handler.below !== undefined) return { key: 'between', text: handler.metric, low: handler.below, high: handler.above };
  if (handler.above !== undefined) return { key: 'above', text: handler.metric, high: handler.above };
  return { key: 'below', text: handler.metric, low: handler.below };
}

/** One stage's steps as nodes, and the flow between them: sequence, branches and joins, gate routes, rework loops. */
function stageGraph(stage: CompiledStage, statusLine: boolean): StageGraph {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const order = new Map<string, number>();
  const byStepId = new Map<string, string>();
  const pending: { source: string; step: CompiledStep }[] = [];
  let endNode: string | undefined;
  const endOfStage = () => {
    endNode ??= `end:${stage.id}`;
    return endNode;
  };
  const edge = (source: string, target: string, kind: DiagramEdgeKind, label?: EdgeLabel) =>
    edges.push({ id: `${kind}:${source}->${target}:${edges.length}`, source, target, kind, ...(label ? { label } : {}) });

  /** Adds a list of steps in sequence; returns its entry and the nodes the flow leaves it from. */
  const chain = (steps: CompiledStep[]): { entry?: string; exits: string[] } => {
    let entry: string | undefined;
    let exits: string[] = [];
    for (const step of steps) {
      const id = stepNodeId(stage.id, step.id);
      const label = step.name;
      const facts = stepFacts(step);
      order.set(id, order.size);
      byStepId.set(step.id, id);
      nodes.push({
        id,
        kind: step.type,
        label,
        stage: stage.id,
        path: stepPath(stage.id, step.id),
        facts,
        width: step.type === 'parallel' ? PARALLEL_WIDTH : STEP_WIDTH,
        height: stepHeight(label, facts, statusLine),
      });
      for (const exit of exits) edge(exit, id, 'sequence');
      entry ??= id;
      if (step.type === 'parallel') {
        const join = `join:${stepPath(stage.id, step.id)}`;
        const branchExits: string[] = [];
        for (const branch of step.branches) {
          const inner = chain(branch.steps);
          if (inner.entry) edge(id, inner.entry, 'branch');
          branchExits.push(...(inner.entry ? inner.exits : [id]));
        }
        order.set(join, order.size);
        nodes.push({ id: join, kind: 'join', label: step.join, stage: stage.id, facts: [], width: SMALL_WIDTH, height: 36 });
        for (const exit of branchExits) edge(exit, join, 'join');
        exits = [join];
      } else if (step.type === 'gate') {
        pending.push({ source: id, step });
        exits = [];
      } else {
        if (step.type === 'approval' && step.onReject) pending.push({ source: id, step });
        exits = [id];
      }
    }
    return { entry, exits };
  };
  chain(stage.steps);

  // Routes and rework loops name steps that may come later in the list: drawn once every step has its node.
  for (const { source, step } of pending) {
    const target = (goto: string) => (goto === 'end' ? endOfStage() : byStepId.get(goto));
    if (step.type === 'gate') {
      for (const route of step.routes) {
        const to = target(route.goto);
        if (to) edge(source, to, 'route', { key: 'route', text: route.when });
      }
      const to = target(step.default);
      if (to) edge(source, to, 'default-route', { key: 'default' });
    } else if (step.type === 'approval' && step.onReject) {
      const to = byStepId.get(step.onReject.rework);
      if (to) edge(source, to, 'rework', { key: 'rework', text: step.onReject.rework, count: step.onReject.maxRounds });
    }
  }
  if (endNode) {
    order.set(endNode, order.size);
    nodes.push({ id: endNode, kind: 'stage-end', label: 'end', stage: stage.id, facts: [], width: SMALL_WIDTH, height: 36 });
  }
  for (const candidate of edges) if ((order.get(candidate.target) ?? 0) <= (order.get(candidate.source) ?? 0)) candidate.back = true;

  const stageFacts: Fact[] = stage.when ? [{ key: 'when', text: stage.when }] : [];
  return {
    stage: {
      id: stageNodeId(stage.id),
      kind: 'stage',
      label: stage.name,
      stage: stage.id,
      facts: stageFacts,
      width: 0,
      height: 0,
      onDemand: stage.trigger === 'on-demand',
    },
    nodes,
    edges,
  };
}

/**
 * A compiled definition as a graph to draw: a start node carrying the process-level handlers,
 * the sequence stages in order (each with its `when`), then the on-demand stages, each stage
 * holding its steps; edges of every kind, the handlers labelled with their signal or threshold.
 * Sizes are given, positions are not: elk places the nodes (see place-process.ts).
 */
export function layoutProcess(definition: CompiledDefinition, options: { statusLine?: boolean } = {}): ProcessGraph {
  const statusLine = options.statusLine ?? false;
  const sequence = definition.stages.filter((stage) => stage.trigger !== 'on-demand');
  const onDemand = definition.stages.filter((stage) => stage.trigger === 'on-demand');
  const stages = [...sequence, ...onDemand].map((stage) => stageGraph(stage, statusLine));
  const process: DiagramNode = {
    id: 'process',
    kind: 'process',
    label: definition.name,
    facts: [],
    width: STEP_WIDTH,
    height: stepHeight(definition.name, [], false),
  };
  const edges: DiagramEdge[] = [];
  let previous = process.id;
  for (const stage of sequence) {
    edges.push({ id: `stage-sequence:${previous}->${stage.id}`, source: previous, target: stageNodeId(stage.id), kind: 'stage-sequence' });
    previous = stageNodeId(stage.id);
  }
  const known = new Set(definition.stages.map((stage) => stage.id));
  const handler = (source: string, on: StageHandler, index: number) => {
    if (!known.has(on.start)) return;
    edges.push({ id: `handler:${source}->${on.start}:${index}`, source, target: stageNodeId(on.start), kind: 'handler', label: handlerLabel(on) });
  };
  (definition.on ?? []).forEach((on, index) => handler(process.id, on, index));
  for (const stage of definition.stages) (stage.on ?? []).forEach((on, index) => handler(stageNodeId(stage.id), on, index));
  return { process, stages, edges };
}
