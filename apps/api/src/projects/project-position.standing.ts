import type { CompiledDefinition, CompiledStep } from '@accord/contracts';
import { stepPath, taskPaths } from './project-position.steps';

export type StepState = 'done' | 'open' | 'waiting' | 'failed' | 'not-reached';
export type StageState = 'done' | 'running' | 'skipped' | 'failed' | 'not-reached';

export interface PositionTask {
  id: string;
  stageId: string;
  stepId: string;
  title: string;
  status: string;
  assignee: string | null;
  role: string | null;
}
export interface PositionAuditEntry {
  action: string;
  subject?: string | null;
}
export interface PositionIncident {
  id: string;
  stageId: string | null;
  stepId: string | null;
  message: string;
}
export interface StepStanding {
  path: string;
  stage: string;
  step: string;
  state: StepState;
  tasks: { id: string; title: string; assignee: string | null; role: string | null }[];
  incident: { id: string; message: string } | null;
}
export interface StageStanding {
  stage: string;
  state: StageState;
}

/** Audit actions whose subject is a step id and which say that step has finished. */
const FINISHED_STEP_ACTIONS = new Set([
  'gate.routed',
  'variables.set',
  'cadence.ended',
  'expectation-document.published',
  'baseline.published',
  'kpis.recorded',
  'deviation-analysis.recorded',
  'incentives.recommended',
  'customer-requirements.recorded',
  'customer-review.recorded',
]);

/** A timer's subject: `project/<id>/stage/<stage>/<run>/<step>:<iteration>`. */
const TIMER_SUBJECT = /\/stage\/([^/]+)\/\d+\/([^/]+):\d+$/;

/**
 * Where a project stands on each step of its definition, from the read model alone: open tasks
 * make a step open, an unfired timer makes it wait, an open incident makes it failed; finished
 * tasks and the engine's records make it done, as does a later step of the same sequence being
 * reached, or its stage having completed.
 */
export function projectStanding(
  definition: CompiledDefinition,
  facts: { tasks: PositionTask[]; audit: PositionAuditEntry[]; incidents: PositionIncident[] },
): { stages: StageStanding[]; steps: StepStanding[] } {
  const stageStates = new Map<string, StageState>();
  const timers = new Map<string, 'started' | 'fired'>();
  const cadences = new Map<string, 'started' | 'ended'>();
  const finished = new Set<string>();
  for (const entry of facts.audit) {
    const subject = entry.subject ?? '';
    if (entry.action === 'stage.started') stageStates.set(subject, 'running');
    else if (entry.action === 'stage.completed') stageStates.set(subject, 'done');
    else if (entry.action === 'stage.skipped') stageStates.set(subject, 'skipped');
    else if (entry.action === 'timer.started' || entry.action === 'timer.fired') {
      const match = TIMER_SUBJECT.exec(subject);
      if (match) timers.set(stepPath(match[1], match[2]), entry.action === 'timer.started' ? 'started' : 'fired');
    } else if (entry.action === 'cadence.started') cadences.set(subject, 'started');
    else if (entry.action === 'cadence.ended') cadences.set(subject, 'ended');
    if (FINISHED_STEP_ACTIONS.has(entry.action)) finished.add(subject);
  }
  const paths = taskPaths(definition);
  const openTasks = new Map<string, StepStanding['tasks']>();
  const completed = new Set<string>();
  for (const task of facts.tasks) {
    const path = paths.get(stepPath(task.stageId, task.stepId));
    if (!path) continue;
    if (task.status === 'open')
      openTasks.set(path, [...(openTasks.get(path) ?? []), { id: task.id, title: task.title, assignee: task.assignee, role: task.role }]);
    else if (task.status === 'completed') completed.add(path);
  }
  const incidents = new Map<string, PositionIncident>();
  const stageIncidents = new Set<string>();
  for (const incident of facts.incidents) {
    if (!incident.stageId) continue;
    if (incident.stepId) incidents.set(paths.get(stepPath(incident.stageId, incident.stepId)) ?? stepPath(incident.stageId, incident.stepId), incident);
    else stageIncidents.add(incident.stageId);
  }

  const steps: StepStanding[] = [];
  for (const stage of definition.stages) {
    const stageState = stageStates.get(stage.id) ?? 'not-reached';
    const reached = stageState !== 'not-reached' && stageState !== 'skipped';
    const own = (step: CompiledStep): StepState => {
      const path = stepPath(stage.id, step.id);
      if (!reached) return 'not-reached';
      if (incidents.has(path)) return 'failed';
      if (openTasks.has(path)) return 'open';
      if (timers.get(path) === 'started') return 'waiting';
      if (step.type === 'cadence' && cadences.get(step.id) === 'started') return 'waiting';
      if (completed.has(path) || timers.get(path) === 'fired' || finished.has(step.id)) return 'done';
      return 'not-reached';
    };
    const resolve = (list: CompiledStep[]): StepState[] => {
      const states = list.map((step) => {
        if (step.type !== 'parallel') return own(step);
        const inner = step.branches.map((branch) => resolve(branch.steps));
        const all = inner.flat();
        const state: StepState = all.includes('failed')
          ? 'failed'
          : all.includes('open')
            ? 'open'
            : all.includes('waiting')
              ? 'waiting'
              : inner.every((branch) => branch.at(-1) === 'done')
                ? 'done'
                : all.includes('done')
                  ? 'open'
                  : 'not-reached';
        return state;
      });
      // A step is behind the project once a later step of its sequence was reached, or once its stage completed.
      let later = stageState === 'done';
      for (let index = states.length - 1; index >= 0; index--) {
        if (states[index] === 'not-reached' && later) states[index] = 'done';
        if (states[index] !== 'not-reached') later = true;
      }
      list.forEach((step, index) => {
        const path = stepPath(stage.id, step.id);
        const incident = incidents.get(path);
        steps.push({
          path,
          stage: stage.id,
          step: step.id,
          state: states[index],
          tasks: openTasks.get(path) ?? [],
          incident: incident ? { id: incident.id, message: incident.message } : null,
        });
      });
      return states;
    };
    resolve(stage.steps);
  }
  const stages = definition.stages.map((stage) => ({
    stage: stage.id,
    state: stageIncidents.has(stage.id) ? ('failed' as const) : (stageStates.get(stage.id) ?? 'not-reached'),
  }));
  return { stages, steps };
}
