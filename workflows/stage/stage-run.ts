import { ApplicationFailure, condition, getExternalWorkflowHandle, patched, setHandler, TemporalFailure, workflowInfo } from '@temporalio/workflow';
import {
  type AuditEntry,
  type CompiledStage,
  type CompiledStep,
  type CompleteTaskResult,
  type OpenedTask,
  type PinnedDefinition,
  type ProcessVariables,
  type StageLiveState,
  type StageWorkflowInput,
  type StageWorkflowResult,
  type StepResults,
  completeTaskUpdate,
  encodeTaskRejection,
  metricReadingsSignal,
  postedReadingId,
  stageContextSignal,
  stageStateQuery,
  stepResultsSignal,
  SYSTEM_ACTOR,
  taskActionUpdate,
  taskId,
} from '@accord/contracts';
import { checkTaskAction, checkTaskCompletion, conditionEnvironment, evaluateCondition } from '@accord/domain';
import type { AccordActivities } from '@accord/activities';
import { activities, localActivities } from '../activities.proxy';
import { takeReadings } from '../services/metric-readings';
import { EventBudget } from './event-budget';
import { runSteps } from './step-sequence';
import { applyTaskAction } from './task-actions';
import { type Completion, recordOf, type TaskDecision, type TrackedTask } from './tracked-task';

/** History events a stage may reach before it stops with an incident (ACCORD_STAGE_HISTORY_BUDGET overrides it). */
const STAGE_EVENT_BUDGET = 20_000;
/** Patch id: an Update handler writes the read model through local activities, so a decision answers sooner (issue 16). */
const DECISION_LOCAL_ACTIVITY = 'decision-local-activity';

/**
 * One run of a stage workflow (a stage's steps, a cadence, or an action item): the state its
 * steps share, its message handlers, and the task operations every step kind uses.
 */
export class StageRun {
  readonly projectId: string;
  readonly stageId: string;
  readonly run: number;
  readonly definition: PinnedDefinition;
  readonly stage: CompiledStage;
  readonly workflowId = workflowInfo().workflowId;
  readonly tasks = new Map<string, TrackedTask>();
  /** Approval steps whose submitter took the request back, and who did. */
  readonly withdrawnBy = new Map<string, string>();
  readonly completions: Completion[] = [];
  currentStep: string | undefined;
  /** Every step result this run reads: earlier stages', forwarded ones, and its own. */
  readonly results: StepResults;
  /** The results of this stage's own steps, which it reports when it ends. */
  readonly stageResults: StepResults = {};
  readonly iterations = new Map<string, number>();
  readonly reworkRounds = new Map<string, number>();
  readonly variables: ProcessVariables;
  /** The progress table last measured: see runDomainService. */
  readonly lastProgress: { json?: string } = {};
  /** Cadence workflows this stage started, each with the step results it reads (forwarded as they change). */
  readonly cadenceWorkflows = new Map<string, Set<string>>();
  /** Of those, the ones that end when a step is reached, with that step. */
  readonly cadenceEnds = new Map<string, string>();
  /** Steps that finished in this run of the stage (gates that routed included). */
  readonly passed = new Set<string>();
  /** History events the stage may still reach before it stops with an incident. */
  readonly eventBudget: EventBudget;
  // Built on the first condition: a CEL environment costs milliseconds, and most stages, cadences and action items test none.
  private conditions: ReturnType<typeof conditionEnvironment> | undefined;

  constructor(readonly input: StageWorkflowInput) {
    this.projectId = input.projectId;
    this.stageId = input.stageId;
    this.run = input.run;
    this.definition = input.definition;
    const found = input.definition.compiled.stages.find((candidate) => candidate.id === input.stageId);
    if (!found) throw ApplicationFailure.nonRetryable(`Stage ${input.stageId} is not in ${input.definition.key} v${input.definition.version}`);
    this.stage = found;
    this.eventBudget = new EventBudget(input.eventBudget ?? STAGE_EVENT_BUDGET);
    this.results = { ...input.steps };
    this.variables = { ...input.variables };
  }

  get compiled() {
    return this.definition.compiled;
  }

  /** Answers the stage's query, decisions and task actions, and takes what the project and the API send it. */
  listen(): void {
    setHandler(stageStateQuery, (): StageLiveState => ({
      stageId: this.stageId,
      currentStep: this.currentStep,
      openTaskIds: [...this.tasks].filter(([, task]) => task.status === 'open').map(([id]) => id),
    }));
    setHandler(
      completeTaskUpdate,
      (completion): Promise<CompleteTaskResult> =>
        this.completeTracked(
          completion.taskId,
          { outcome: completion.outcome, data: completion.data, comment: completion.comment, by: completion.actor.userId, requestId: completion.requestId },
          this.decisionWrites(),
        ),
      {
        validator: (completion) => {
          const rejection = checkTaskCompletion(this.tasks.get(completion.taskId), completion);
          if (rejection) throw ApplicationFailure.nonRetryable(encodeTaskRejection(rejection));
        },
      },
    );
    setHandler(taskActionUpdate, (request) => applyTaskAction(this, request), {
      validator: (request) => {
        const rejection = checkTaskAction(this.tasks.get(request.taskId), request);
        if (rejection) throw ApplicationFailure.nonRetryable(encodeTaskRejection(rejection));
      },
    });
    setHandler(metricReadingsSignal, async (posted) => {
      const at = new Date().toISOString();
      const readings = posted.readings.map((reading) => ({
        ...reading,
        id: postedReadingId(this.projectId, posted.requestId, reading.metric),
        at,
        source: posted.postedBy,
      }));
      await takeReadings(readings, { projectId: this.projectId, stage: this.stage, definition: this.definition });
    });
    setHandler(stepResultsSignal, async (steps) => {
      Object.assign(this.results, steps);
      await this.shareWithCadences({ steps });
    });
    setHandler(stageContextSignal, (context) => {
      Object.assign(this.variables, context.variables ?? {});
      Object.assign(this.results, context.steps ?? {});
    });
  }

  /** Runs one list of steps (a stage's, or a branch's) in order, following gates and rework. */
  runSteps(steps: CompiledStep[]): Promise<StageWorkflowResult['outcome']> {
    return runSteps(this, steps);
  }

  /** Whether a definition's condition holds on this run's variables and results. */
  holds(condition: string): boolean {
    this.conditions ??= conditionEnvironment(Object.fromEntries(Object.entries(this.compiled.variables).map(([name, variable]) => [name, variable.type])));
    const { variables, results: steps, stageId, projectId } = this;
    return evaluateCondition(this.conditions, condition, { ...variables, steps, stage: { id: stageId }, project: { id: projectId } });
  }

  audit(id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>): AuditEntry {
    return { id, projectId: this.projectId, at: new Date().toISOString(), ...fields };
  }

  remember(stepId: string, completion: Completion): Promise<void> {
    return this.record(stepId, { outcome: completion.outcome, data: completion.data, by: completion.by });
  }

  /** A step's result, for later steps and conditions, and for the cadence workflows that read it. */
  async record(stepId: string, result: StepResults[string]): Promise<void> {
    this.results[stepId] = this.stageResults[stepId] = result;
    await this.shareWithCadences({ steps: { [stepId]: result } });
  }

  async shareWithCadences(change: { variables?: ProcessVariables; steps?: StepResults }): Promise<void> {
    for (const [childId, reads] of this.cadenceWorkflows) {
      const steps = Object.fromEntries(Object.entries(change.steps ?? {}).filter(([stepId]) => reads.has(stepId)));
      if (!change.variables && Object.keys(steps).length === 0) continue;
      try {
        await getExternalWorkflowHandle(childId).signal(stageContextSignal, { variables: change.variables, steps });
      } catch (error) {
        // The server refuses the signal when the cadence ended meanwhile: it no longer needs it.
        if (!(error instanceof TemporalFailure)) throw error;
      }
    }
  }

  /**
   * How an Update handler writes the read model: through local activities, which its caller does
   * not wait an activity round trip for; a history recorded before them replays its activities.
   */
  decisionWrites(): AccordActivities {
    return patched(DECISION_LOCAL_ACTIVITY) ? localActivities : activities;
  }

  async openTask(opened: OpenedTask, tracked: Omit<TrackedTask, 'opened' | 'status'>): Promise<void> {
    this.tasks.set(opened.id, { ...tracked, opened, status: 'open' });
    await activities.openTask({
      ...opened,
      audit: this.audit(`${opened.id}:task.opened`, {
        action: 'task.opened',
        actor: SYSTEM_ACTOR,
        subject: opened.id,
        detail: { step: opened.stepId, assignee: opened.assignee, dueAt: opened.dueAt ?? null },
      }),
    });
  }

  taskBase(stepId: string, slot?: number): Pick<OpenedTask, 'id' | 'projectId' | 'workflowId' | 'stageId' | 'stepId' | 'openedAt'> {
    const { projectId, stageId, run, workflowId } = this;
    const iteration = this.iterations.get(stepId) ?? 1;
    return { id: taskId({ projectId, stageId, run, stepId, slot, iteration }), projectId, workflowId, stageId, stepId, openedAt: new Date().toISOString() };
  }

  /**
   * Completes a tracked task: by a person through the update, or by the engine when an
   * escalation decides it. Marked before the first await, so a concurrent second
   * completion fails validation.
   */
  async completeTracked(id: string, decision: TaskDecision, writes: AccordActivities = activities): Promise<CompleteTaskResult> {
    const task = this.tasks.get(id)!;
    const automatic = decision.by === SYSTEM_ACTOR;
    task.status = automatic ? 'expired' : 'completed';
    const completedAt = new Date().toISOString();
    await writes.closeTask({
      taskId: id,
      status: task.status,
      record: recordOf(task.opened),
      at: completedAt,
      completedBy: decision.by,
      outcome: decision.outcome,
      data: decision.data,
      comment: decision.comment,
      requestId: decision.requestId,
      audit: this.audit(`${id}:task.completed`, {
        action: automatic ? 'task.auto-decided' : task.opened.kind === 'approval' ? 'approval.decided' : 'task.completed',
        actor: decision.by,
        subject: id,
        reason: decision.comment,
        requestId: decision.requestId,
        detail: { step: task.opened.stepId, outcome: decision.outcome, data: decision.data },
      }),
    });
    this.completions.push({ taskId: id, outcome: decision.outcome, data: decision.data, by: decision.by, at: completedAt });
    return { taskId: id, status: 'completed', outcome: decision.outcome, completedBy: decision.by, completedAt, requestId: decision.requestId };
  }

  /** The first completion `of` accepts, taken off the list once it has arrived. */
  async nextCompletion(of: (completion: Completion) => boolean): Promise<Completion> {
    await condition(() => this.completions.some(of));
    const index = this.completions.findIndex(of);
    return this.completions.splice(index, 1)[0];
  }

  /**
   * Closes open tasks that the engine ends, one after another: `expired` when their time passed
   * without anyone doing them, `cancelled` when what they served ended first (a branch, an
   * approval, a cadence). A task already closed is left as it is.
   */
  async closeOpen(ids: string[], status: 'expired' | 'cancelled', reason: string): Promise<void> {
    for (const id of ids) {
      const task = this.tasks.get(id);
      if (!task || task.status !== 'open') continue;
      task.status = status;
      await activities.closeTask({
        taskId: id,
        status,
        record: recordOf(task.opened),
        at: new Date().toISOString(),
        audit: this.audit(`${id}:task.${status}`, {
          action: 'task.cancelled',
          actor: SYSTEM_ACTOR,
          subject: id,
          reason,
          detail: status === 'expired' ? { expired: true } : {},
        }),
      });
    }
  }

  /** Whether any other open task waits on an external role (the customer). */
  waitingOnExternal(exceptId: string): boolean {
    for (const [id, task] of this.tasks) {
      if (id !== exceptId && task.status === 'open' && 'role' in task.assignee && this.compiled.roles[task.assignee.role]?.external) return true;
    }
    return false;
  }
}
