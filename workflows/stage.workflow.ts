import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  CancelledFailure,
  condition,
  ContinueAsNew,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setHandler,
  sleep,
  ParentClosePolicy,
  startChild,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import {
  APPROVAL_OUTCOMES,
  type ApprovalDecision,
  type ApprovalStep,
  type Assignee,
  type AuditAction,
  type AuditEntry,
  type CadenceEnd,
  type Escalation,
  type ActionItemRun,
  type CadenceRun,
  type CadenceStep,
  type CompiledStage,
  type CompiledStep,
  type CompleteTaskResult,
  type Duration,
  type MeetingStep,
  type ParallelStep,
  type ProcessVariables,
  type ServiceStep,
  type OpenedTask,
  type StageLiveState,
  type StageWorkflowInput,
  type StageWorkflowResult,
  type StepResults,
  END_OF_STAGE,
  FailureType,
  type TaskStep,
  type TimerStep,
  completeTaskUpdate,
  metricReadingsSignal,
  stepResultsSignal,
  stageContextSignal,
  stageFinishedSignal,
  projectWorkflowId,
  postedReadingId,
  encodeTaskRejection,
  type TaskAction,
  type TaskActionResult,
  taskActionUpdate,
  stageStateQuery,
  SYSTEM_ACTOR,
  taskId,
} from '@accord/contracts';
import { decideApproval, openSlots, startApproval, stepApproval } from '@accord/approvals';
import {
  addDuration,
  baselineInForce,
  checkTaskAction,
  checkTaskCompletion,
  conditionEnvironment,
  confirmationTime,
  deadlinePassed,
  startOfLocalDate,
  evaluateCondition,
  scheduledSlot,
  stepsWithin,
  workingSlot,
  type TaskUnderDecision,
} from '@accord/domain';
import type { AccordActivities } from '@accord/activities';
import { activities, localActivities } from './activities.proxy';
import { awaitIncidentResolution, setIncidentScope } from './incidents';
import { runDomainService, smartGoalCheck, takeReadings } from './domain-services';
import { type PausableClock, runEscalationLadder } from './escalation-ladder';

interface TrackedTask extends TaskUnderDecision {
  opened: OpenedTask;
  slot?: number;
  /** Present when the task's clock pauses while the stage waits on an external role. */
  clock?: PausableClock;
  /** Due date before any pause. */
  dueAt?: number;
}

interface Completion {
  taskId: string;
  outcome: string;
  data: Record<string, unknown>;
  by: string;
  /** Workflow time of the completion. */
  at: string;
}

const AUDITED_AS: Record<TaskAction['kind'], AuditAction> = {
  claim: 'task.claimed',
  release: 'task.released',
  delegate: 'task.delegated',
  comment: 'task.commented',
  withdraw: 'approval.withdrawn',
  'hand-back': 'task.handed-back',
};

/**
 * A cadence workflow continues as new once its history reaches this many events: far below
 * Temporal's limits, and small enough that a replay after a crash stays quick.
 */
const CADENCE_HISTORY_BUDGET = 2_000;
/** History events a stage may reach before it stops with an incident (ACCORD_STAGE_HISTORY_BUDGET overrides it). */
const STAGE_EVENT_BUDGET = 20_000;
/** Patch id: cadence occurrences on working days, a missed one closed when the next is due (issue 11). */
const CADENCE_RHYTHM = 'cadence-rhythm';
/** Patch id: an escalation to a role (reminder, reassignment, notification) reaches the project's members in that role (issue 13). */
const ESCALATION_ROLE_MEMBERS = 'escalation-role-members';
/** Patch id: an Update handler writes the read model through local activities, so a decision answers sooner (issue 16). */
const DECISION_LOCAL_ACTIVITY = 'decision-local-activity';
const DAY_MS = 24 * 3_600_000;
/** What a cadence hears of a step it waits for that records no result of its own (a timer, a gate, a parallel). */
const REACHED = { outcome: 'reached', data: {}, by: SYSTEM_ACTOR };
/** An action item due on a date is due at 18:00 that day, in the calendar's zone. */
const END_OF_WORKING_DAY_MS = 18 * 3_600_000;

/** The record of its own a task closes with: a meeting's, or an action item's. */
const recordOf = (opened: OpenedTask): 'meeting' | 'action-item' | undefined => (opened.meeting ? 'meeting' : opened.actionItem ? 'action-item' : undefined);

/** Runs one stage's steps in order; human decisions arrive as `completeTask` updates. */
export async function stageWorkflow(input: StageWorkflowInput): Promise<StageWorkflowResult> {
  const { projectId, stageId, run, definition } = input;
  const found = definition.compiled.stages.find((candidate) => candidate.id === stageId);
  if (!found) throw ApplicationFailure.nonRetryable(`Stage ${stageId} is not in ${definition.key} v${definition.version}`);
  const stage: CompiledStage = found;
  const workflowId = workflowInfo().workflowId;

  const eventBudget = input.eventBudget ?? STAGE_EVENT_BUDGET;
  let eventBudgetUntil = eventBudget;
  const tasks = new Map<string, TrackedTask>();
  /** Approval steps whose submitter took the request back, and who did. */
  const withdrawnBy = new Map<string, string>();
  const completions: Completion[] = [];
  let currentStep: string | undefined;

  setHandler(stageStateQuery, (): StageLiveState => ({
    stageId,
    currentStep,
    openTaskIds: [...tasks].filter(([, task]) => task.status === 'open').map(([id]) => id),
  }));

  setHandler(
    completeTaskUpdate,
    (completion): Promise<CompleteTaskResult> =>
      completeTracked(
        completion.taskId,
        { outcome: completion.outcome, data: completion.data, comment: completion.comment, by: completion.actor.userId, requestId: completion.requestId },
        decisionWrites(),
      ),
    {
      validator: (completion) => {
        const rejection = checkTaskCompletion(tasks.get(completion.taskId), completion);
        if (rejection) throw ApplicationFailure.nonRetryable(encodeTaskRejection(rejection));
      },
    },
  );

  setHandler(
    taskActionUpdate,
    async ({ taskId: id, actor, action, requestId }): Promise<TaskActionResult> => {
      const task = tasks.get(id)!;
      const before = { assignee: task.assignee, claimedBy: task.claimedBy ?? null };
      switch (action.kind) {
        case 'claim':
          task.claimedBy = actor.userId;
          break;
        case 'release':
          task.claimedBy = undefined;
          break;
        case 'delegate':
          task.assignee = { user: action.to };
          task.claimedBy = undefined;
          break;
        case 'comment':
          break;
        case 'withdraw':
          // Takes effect once audited (below), so the trail shows it before the cancellations it causes.
          break;
        case 'hand-back':
          if (task.claimedBy === action.from) task.claimedBy = undefined;
          if ('user' in task.assignee && task.assignee.user === action.from) {
            const offered = task.opened.assignee;
            task.assignee = 'role' in offered ? offered : action.toRole ? { role: action.toRole } : task.assignee;
          }
          break;
        default: {
          const unknown: never = action;
          throw ApplicationFailure.nonRetryable(`Unknown task action ${JSON.stringify(unknown)}`);
        }
      }
      const entry = audit(`${id}:${action.kind}:${requestId}`, {
        action: AUDITED_AS[action.kind],
        actor: actor.userId,
        subject: id,
        requestId,
        reason: action.kind === 'comment' ? action.text : action.kind === 'hand-back' ? `${action.from} left the project` : undefined,
        detail: action.kind === 'delegate' || action.kind === 'hand-back' ? { from: before.assignee, to: task.assignee, claimedBy: before.claimedBy } : {},
      });
      const writes = decisionWrites();
      if (action.kind === 'comment' || action.kind === 'withdraw') await writes.recordAudit(entry);
      else await writes.recordTaskAssignment({ taskId: id, assignee: task.assignee, claimedBy: task.claimedBy ?? null, audit: entry });
      if (action.kind === 'withdraw') withdrawnBy.set(task.opened.stepId, actor.userId);
      return { taskId: id, assignee: task.assignee, claimedBy: task.claimedBy ?? null, requestId };
    },
    {
      validator: (input) => {
        const rejection = checkTaskAction(tasks.get(input.taskId), input);
        if (rejection) throw ApplicationFailure.nonRetryable(encodeTaskRejection(rejection));
      },
    },
  );

  const { compiled } = definition;
  // Built on the first condition: a CEL environment costs milliseconds, and most stages, cadences and action items test none.
  let conditions: ReturnType<typeof conditionEnvironment> | undefined;
  const conditionsOf = () =>
    (conditions ??= conditionEnvironment(Object.fromEntries(Object.entries(compiled.variables).map(([name, variable]) => [name, variable.type]))));
  const results: StepResults = { ...input.steps };
  const stageResults: StepResults = {};
  const iterations = new Map<string, number>();
  const reworkRounds = new Map<string, number>();
  const variables: ProcessVariables = { ...input.variables };
  /** The progress table last measured: see runDomainService. */
  const lastProgress: { json?: string } = {};
  setHandler(metricReadingsSignal, async (posted) => {
    const at = new Date().toISOString();
    const readings = posted.readings.map((reading) => ({
      ...reading,
      id: postedReadingId(projectId, posted.requestId, reading.metric),
      at,
      source: posted.postedBy,
    }));
    await takeReadings(readings, { projectId, stage, definition });
  });
  setHandler(stepResultsSignal, async (steps) => {
    Object.assign(results, steps);
    await shareWithCadences({ steps });
  });
  const holds = (condition: string) =>
    evaluateCondition(conditionsOf(), condition, { ...variables, steps: results, stage: { id: stageId }, project: { id: projectId } });

  /** Cadence workflows this stage started, each with the step results it reads (forwarded as they change). */
  const cadenceWorkflows = new Map<string, Set<string>>();
  /** Of those, the ones that end when a step is reached, with that step. */
  const cadenceEnds = new Map<string, string>();
  /** Steps that finished in this run of the stage (gates that routed included). */
  const passed = new Set<string>();
  setHandler(stageContextSignal, (context) => {
    Object.assign(variables, context.variables ?? {});
    Object.assign(results, context.steps ?? {});
  });

  setIncidentScope({ stageId, currentStep: () => currentStep });
  let outcome: StageWorkflowResult['outcome'];
  try {
    outcome = input.cadence ? await runCadenceHere(input.cadence) : input.actionItem ? await followActionItem(input.actionItem) : await runSteps(stage.steps);
  } catch (error) {
    // Cancellation and continue-as-new travel as errors; only real failures are reported.
    if (isCancellation(error) || error instanceof ContinueAsNew) throw error;
    throw await reportFailure(error);
  }
  return finish(outcome);

  /**
   * The stage's own code failed (a definition it cannot run, data a step cannot use, a
   * child that failed): tell the project, which raises an incident for an admin, and fail
   * this workflow for good rather than retry a workflow task that fails the same way each time.
   */
  async function reportFailure(error: unknown): Promise<ApplicationFailure> {
    const errorType =
      error instanceof ApplicationFailure ? (error.type ?? FailureType.stageFailed) : error instanceof Error ? error.name : FailureType.stageFailed;
    const message = error instanceof Error ? error.message : String(error);
    if (!input.cadence && !input.actionItem) {
      const failure = { stepId: currentStep ?? null, errorType, message };
      await getExternalWorkflowHandle(projectWorkflowId(projectId)).signal(stageFinishedSignal, {
        stageId,
        outcome: 'completed',
        steps: stageResults,
        variables,
        workflowId,
        failure,
      });
    }
    return ApplicationFailure.create({
      message: `Stage ${stageId} failed${currentStep ? ` at step ${currentStep}` : ''}: ${message}`,
      type: FailureType.stageFailed,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    });
  }

  /** Runs one list of steps (a stage's, or a branch's) in order, following gates and rework. */
  async function runSteps(steps: CompiledStep[]): Promise<StageWorkflowResult['outcome']> {
    const indexOf = (id: string) => steps.findIndex((candidate) => candidate.id === id);
    let index = 0;
    while (index < steps.length) {
      const step = steps[index];
      currentStep = step.id;
      if (step.when !== undefined && !holds(step.when)) {
        index++;
        continue;
      }
      iterations.set(step.id, (iterations.get(step.id) ?? 0) + 1);
      await withinEventBudget();
      let rejected = false;
      switch (step.type) {
        case 'task':
          await runTask(step);
          index++;
          break;
        case 'approval': {
          if ((await runApproval(step)) === 'approved') {
            index++;
            break;
          }
          const rounds = reworkRounds.get(step.id) ?? 0;
          if (!step.onReject || rounds >= step.onReject.maxRounds) rejected = true;
          else {
            reworkRounds.set(step.id, rounds + 1);
            index = indexOf(step.onReject.rework);
          }
          break;
        }
        case 'timer':
          await runTimer(step);
          index++;
          break;
        case 'gate': {
          const target = step.routes.find((route) => holds(route.when))?.goto ?? step.default;
          await activities.recordAudit(
            audit(`${workflowId}/${step.id}:${iterations.get(step.id)}:gate`, {
              action: 'gate.routed',
              actor: SYSTEM_ACTOR,
              subject: step.id,
              detail: { goto: target },
            }),
          );
          index = target === END_OF_STAGE ? steps.length : indexOf(target);
          break;
        }
        case 'parallel':
          rejected = (await runParallel(step)) === 'rejected';
          index++;
          break;
        case 'meeting':
          await runMeeting(step);
          index++;
          break;
        case 'service':
          await runService(step);
          index++;
          break;
        case 'cadence':
          await runCadence(step);
          index++;
          break;
        case 'subprocess':
          // The API refuses to start projects on definitions using these (runnableProblems).
          throw ApplicationFailure.nonRetryable(`${step.type} steps cannot run on this engine version yet (step ${step.id})`, FailureType.unsupported);
        default: {
          const unknown: never = step;
          throw ApplicationFailure.nonRetryable(`Unknown step type in ${JSON.stringify(unknown)}`);
        }
      }
      passed.add(step.id);
      // Only a cadence waiting for this step costs an await: stages without one run exactly as before.
      if ([...cadenceEnds.values()].includes(step.id)) await tellCadencesReached(step.id);
      if (rejected) return 'rejected';
    }
    return 'completed';
  }

  /**
   * Runs branches side by side. `all` waits for every branch (one rejected branch rejects
   * the step); `any` goes on with the first branch to complete and cancels the others:
   * their timers stop and their open tasks are cancelled.
   */
  async function runParallel(step: ParallelStep): Promise<StageWorkflowResult['outcome']> {
    if (step.join === 'all') {
      const outcomes = await Promise.all(step.branches.map((branch) => runSteps(branch.steps)));
      return outcomes.includes('rejected') ? 'rejected' : 'completed';
    }
    const scopes = step.branches.map(() => new CancellationScope());
    let winner: number | undefined;
    let finished = 0;
    const running: Promise<unknown>[] = [];
    await new Promise<void>((resolve) => {
      step.branches.forEach((branch, index) => {
        const run = scopes[index]
          .run(() => runSteps(branch.steps))
          .then(
            (outcome) => {
              if (outcome === 'completed' && winner === undefined) winner = index;
            },
            (error: unknown) => {
              // Only the cancellation of a losing branch is expected here.
              if (!isCancellation(error)) throw error;
            },
          )
          .finally(() => {
            finished++;
            if (winner !== undefined || finished === step.branches.length) resolve();
          });
        running.push(run);
      });
    });
    if (winner === undefined) return 'rejected';
    const losers = step.branches.filter((_, index) => index !== winner);
    scopes.forEach((scope, index) => index !== winner && scope.cancel());
    // Let the losers stop at their next wait (their read-model writes are never cut short) before closing their tasks.
    await Promise.allSettled(running);
    const loserSteps = new Set(losers.flatMap((branch) => stepsWithin(branch.steps).map((inner) => inner.id)));
    await cancelOpen(
      [...tasks].filter(([, task]) => task.status === 'open' && loserSteps.has(task.opened.stepId)).map(([id]) => id),
      `branch "${step.branches[winner].id}" of ${step.id} completed first`,
    );
    return 'completed';
  }

  /**
   * A stage cannot continue as new in the middle of its steps, so one whose history grows
   * this long is looping: it stops with an incident before Temporal stops it for good. An
   * admin who lets it go on (retry or skip) grants it as many events again.
   */
  async function withinEventBudget(): Promise<void> {
    const { historyLength } = workflowInfo();
    if (historyLength < eventBudgetUntil) return;
    const action = await awaitIncidentResolution({
      kind: 'event-budget',
      activity: null,
      errorType: 'EventBudgetExceeded',
      message: `The stage's history reached ${historyLength} events (its budget is ${eventBudget}): it may be looping`,
      attempts: 1,
      skippable: true,
    });
    if (action === 'cancel') throw new CancelledFailure('the project is cancelled');
    eventBudgetUntil = workflowInfo().historyLength + eventBudget;
  }

  async function finish(outcome: StageWorkflowResult['outcome']): Promise<StageWorkflowResult> {
    currentStep = undefined;
    await condition(allHandlersFinished);
    const result = { stageId, outcome, steps: stageResults, variables };
    // The project awaits this signal, not the child's result: it may have continued as new since it started the stage.
    if (!input.cadence && !input.actionItem)
      await getExternalWorkflowHandle(projectWorkflowId(projectId)).signal(stageFinishedSignal, { ...result, workflowId });
    return result;
  }

  function remember(stepId: string, completion: Completion): Promise<void> {
    return record(stepId, { outcome: completion.outcome, data: completion.data, by: completion.by });
  }

  /** A step's result, for later steps and conditions, and for the cadence workflows that read it. */
  async function record(stepId: string, result: StepResults[string]): Promise<void> {
    results[stepId] = stageResults[stepId] = result;
    await shareWithCadences({ steps: { [stepId]: result } });
  }

  async function shareWithCadences(change: { variables?: ProcessVariables; steps?: StepResults }): Promise<void> {
    for (const [childId, reads] of cadenceWorkflows) {
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

  function audit(id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>): AuditEntry {
    return { id, projectId, at: new Date().toISOString(), ...fields };
  }

  /**
   * How an Update handler writes the read model: through local activities, which its caller does
   * not wait an activity round trip for; a history recorded before them replays its activities.
   */
  function decisionWrites(): AccordActivities {
    return patched(DECISION_LOCAL_ACTIVITY) ? localActivities : activities;
  }

  /**
   * Completes a tracked task: by a person through the update, or by the engine when an
   * escalation decides it. Marked before the first await, so a concurrent second
   * completion fails validation.
   */
  async function completeTracked(
    id: string,
    decision: { outcome: string; data: Record<string, unknown>; comment?: string; by: string; requestId: string },
    writes: AccordActivities = activities,
  ): Promise<CompleteTaskResult> {
    const task = tasks.get(id)!;
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
      audit: audit(`${id}:task.completed`, {
        action: automatic ? 'task.auto-decided' : task.opened.kind === 'approval' ? 'approval.decided' : 'task.completed',
        actor: decision.by,
        subject: id,
        reason: decision.comment,
        requestId: decision.requestId,
        detail: { step: task.opened.stepId, outcome: decision.outcome, data: decision.data },
      }),
    });
    completions.push({ taskId: id, outcome: decision.outcome, data: decision.data, by: decision.by, at: completedAt });
    return { taskId: id, status: 'completed', outcome: decision.outcome, completedBy: decision.by, completedAt, requestId: decision.requestId };
  }

  /**
   * Starts what runs beside an open task (a task, an approver's slot, a meeting's record) until
   * it closes: its escalation ladder, and its pause tracking when its clock pauses.
   */
  function watch(id: string, escalations: Escalation[], pauses: boolean): Promise<void>[] {
    const watchers = [escalate(id, escalations), ...(pauses ? [trackPauses(id)] : [])];
    for (const watcher of watchers) {
      // When the task's scope is cancelled (its cadence ended, its branch lost) nobody awaits these any
      // more, and their timers end in a cancellation: expected, and no reason to fail the stage.
      void watcher.catch(() => undefined);
    }
    return watchers;
  }

  /** Runs a task's escalation ladder on durable timers until the task closes. */
  function escalate(id: string, escalations: Escalation[]): Promise<void> {
    const task = tasks.get(id)!;
    return runEscalationLadder(escalations, new Date(task.opened.openedAt), compiled.calendar, {
      isOpen: () => task.status === 'open',
      act: (rung) => applyRung(id, rung),
      clock: task.clock,
    });
  }

  /** Whether any other open task waits on an external role (the customer). */
  function waitingOnExternal(exceptId: string): boolean {
    for (const [id, task] of tasks) {
      if (id !== exceptId && task.status === 'open' && 'role' in task.assignee && compiled.roles[task.assignee.role]?.external) return true;
    }
    return false;
  }

  /**
   * Stops a task's clock while the stage waits on an external role and starts it again
   * after, pushing its due date back by the pause; both moments are recorded and audited.
   */
  async function trackPauses(id: string): Promise<void> {
    const task = tasks.get(id)!;
    const clock = task.clock!;
    let pauses = 0;
    for (;;) {
      await condition(() => task.status !== 'open' || waitingOnExternal(id) !== (clock.since !== undefined));
      if (task.status !== 'open') return;
      const now = Date.now();
      const pausing = clock.since === undefined;
      if (pausing) clock.since = now;
      else {
        clock.pausedMs += now - clock.since!;
        clock.since = undefined;
      }
      pauses += pausing ? 1 : 0;
      await activities.recordTaskPause({
        taskId: id,
        pausedSince: pausing ? new Date(now).toISOString() : null,
        pausedMs: clock.pausedMs,
        dueAt: task.dueAt === undefined ? null : new Date(task.dueAt + clock.pausedMs).toISOString(),
        audit: audit(`${id}:${pausing ? 'paused' : 'resumed'}:${pauses}`, {
          action: pausing ? 'task.paused' : 'task.resumed',
          actor: SYSTEM_ACTOR,
          subject: id,
          reason: pausing ? 'waiting on an external role' : 'no longer waiting on an external role',
          detail: { pausedMs: clock.pausedMs },
        }),
      });
    }
  }

  async function applyRung(id: string, rung: Escalation): Promise<void> {
    const task = tasks.get(id)!;
    const key = `${id}:${rung.action}:${JSON.stringify(rung.after)}`;
    const title = task.opened.title;
    switch (rung.action) {
      case 'remind': {
        // Whoever claimed the task is the one it waits for, not the pool it was offered to.
        const waitingFor: Assignee = task.claimedBy ? { user: task.claimedBy } : task.assignee;
        const reach = reachesMembers(waitingFor) ? await membersReached(waitingFor) : { recipient: waitingFor };
        return notifyAll(task, key, 'reminder', reach, `Reminder: "${title}" is waiting for you`, 'task.reminded');
      }
      case 'notify': {
        const reach = reachesMembers(rung.to!) ? await membersReached(rung.to!) : { recipient: rung.to! };
        return notifyAll(task, key, 'escalation', reach, `Escalation: "${title}" has not been done in time`, 'task.escalated');
      }
      case 'reassign': {
        const from = task.assignee;
        const reach = reachesMembers(rung.to!) ? await membersReached(rung.to!) : { recipient: rung.to! };
        // One member in the role gets the task; several share it as the role's pool, which offers it to this project's members only.
        const to: Assignee = reach.members?.length === 1 ? { user: reach.members[0] } : rung.to!;
        task.assignee = to;
        task.claimedBy = undefined;
        await activities.recordTaskAssignment({
          taskId: id,
          assignee: to,
          claimedBy: null,
          audit: audit(key, {
            action: 'task.reassigned',
            actor: SYSTEM_ACTOR,
            subject: id,
            reason: ['escalation: not done in time', fallbackNote(reach)].filter(Boolean).join('; '),
            detail: { from, to, ...reachDetail(reach) },
          }),
        });
        return notifyAll(task, `${key}:message`, 'reassigned', reach, `"${title}" was reassigned to you`);
      }
      case 'auto-decide':
        await completeTracked(id, {
          outcome: rung.outcome!,
          data: {},
          comment: 'decided automatically: no decision in time',
          by: SYSTEM_ACTOR,
          requestId: key,
        });
        return;
      default: {
        const unknown: never = rung.action;
        throw ApplicationFailure.nonRetryable(`Unknown escalation action ${String(unknown)}`);
      }
    }
  }

  /**
   * Whether an escalation to `recipient` stands for the project's members in a role. Histories
   * recorded before this rule take the old path, where a role stood for itself; decided without
   * an await, so that path issues its commands exactly as it did.
   */
  function reachesMembers(recipient: Assignee): recipient is { role: string } {
    return 'role' in recipient && patched(ESCALATION_ROLE_MEMBERS);
  }

  /**
   * The project's members in a role (`members`, by user id). When nobody holds the role in the
   * project, the role as a whole stands for them (`members` empty, said so in the audit): the
   * stage never fails for it.
   */
  async function membersReached(recipient: { role: string }): Promise<Reach> {
    // An incident skipped by an admin returns nothing: the role then stands for itself.
    const members = (await activities.projectMembersInRole({ projectId, role: recipient.role })) ?? [];
    return { recipient, members };
  }

  /** One message per member the escalation reaches (the recipient itself when none), audited once with whom it reached. */
  function notifyAll(
    task: TrackedTask,
    id: string,
    kind: 'reminder' | 'reassigned' | 'escalation',
    reach: Reach,
    subject: string,
    action?: AuditAction,
  ): Promise<void> {
    if (!reach.members?.length) return notify(task, id, kind, reach.recipient, subject, action, reach);
    return notifyEach(task, id, kind, reach.members, subject, action, reach);
  }

  async function notifyEach(
    task: TrackedTask,
    id: string,
    kind: 'reminder' | 'reassigned' | 'escalation',
    members: string[],
    subject: string,
    action: AuditAction | undefined,
    reach: Reach,
  ): Promise<void> {
    for (const [index, member] of members.entries()) {
      await notify(task, `${id}:${member}`, kind, { user: member }, subject, index === 0 ? action : undefined, reach);
    }
  }

  async function notify(
    task: TrackedTask,
    id: string,
    kind: 'reminder' | 'reassigned' | 'escalation',
    recipient: Assignee,
    subject: string,
    action?: AuditAction,
    reach?: Reach,
  ): Promise<void> {
    const at = new Date().toISOString();
    await activities.enqueueNotification({
      id,
      projectId,
      taskId: task.opened.id,
      kind,
      recipient,
      subject,
      body: `${subject}. Project ${projectId}, stage ${stageId}, task ${task.opened.id}${task.opened.dueAt ? `, due ${task.opened.dueAt}` : ''}.`,
      at,
      audit: action
        ? audit(id, {
            action,
            actor: SYSTEM_ACTOR,
            subject: task.opened.id,
            reason: reach && fallbackNote(reach),
            detail: { recipient: reach?.recipient ?? recipient, kind, ...(reach ? reachDetail(reach) : {}) },
          })
        : undefined,
    });
  }

  function pausable(pauses: boolean, dueAt: string | undefined): Pick<TrackedTask, 'clock' | 'dueAt'> {
    return pauses ? { clock: { pausedMs: 0 }, dueAt: dueAt === undefined ? undefined : new Date(dueAt).getTime() } : {};
  }

  async function openTask(opened: OpenedTask, tracked: Omit<TrackedTask, 'opened' | 'status'>): Promise<void> {
    tasks.set(opened.id, { ...tracked, opened, status: 'open' });
    await activities.openTask({
      ...opened,
      audit: audit(`${opened.id}:task.opened`, {
        action: 'task.opened',
        actor: SYSTEM_ACTOR,
        subject: opened.id,
        detail: { step: opened.stepId, assignee: opened.assignee, dueAt: opened.dueAt ?? null },
      }),
    });
  }

  function taskBase(stepId: string, slot?: number): Pick<OpenedTask, 'id' | 'projectId' | 'workflowId' | 'stageId' | 'stepId' | 'openedAt'> {
    const iteration = iterations.get(stepId) ?? 1;
    return { id: taskId({ projectId, stageId, run, stepId, slot, iteration }), projectId, workflowId, stageId, stepId, openedAt: new Date().toISOString() };
  }

  async function nextCompletion(of: (completion: Completion) => boolean): Promise<Completion> {
    await condition(() => completions.some(of));
    const index = completions.findIndex(of);
    return completions.splice(index, 1)[0];
  }

  /** Who a task goes to: the user an earlier step's data names (`assigneeFrom`), else its `assignee`. */
  function assigneeOf(step: TaskStep): Assignee {
    const named = step.assigneeFrom ? results[step.assigneeFrom.step]?.data[step.assigneeFrom.field] : undefined;
    return typeof named === 'string' && named.trim() !== '' ? { user: named.trim() } : step.assignee;
  }

  async function runTask(step: TaskStep, due?: Date, actionItem?: OpenedTask['actionItem']): Promise<void> {
    const base = taskBase(step.id);
    const dueAt = due?.toISOString() ?? (step.due ? addDuration(new Date(), step.due, compiled.calendar).toISOString() : undefined);
    const form = step.form ? definition.compiled.forms[step.form] : undefined;
    const assignee = assigneeOf(step);
    await openTask(
      { ...base, kind: 'task', title: step.name, assignee, form: step.form, outcomes: step.outcomes, priority: step.priority, dueAt, actionItem },
      { assignee, outcomes: step.outcomes, form, meaning: smartGoalCheck(stage, step.id, results), ...pausable(step.pauseWhileWaitingOnExternal, dueAt) },
    );
    const watchers = watch(base.id, step.escalations, step.pauseWhileWaitingOnExternal);
    await remember(step.id, await nextCompletion((completion) => completion.taskId === base.id));
    await Promise.all(watchers);
  }

  /** A meeting: attendees are invited; the organizer records it as held, with minutes and action items. */
  async function runMeeting(step: MeetingStep): Promise<void> {
    const base = taskBase(step.id);
    const dueAt = step.due ? addDuration(new Date(), step.due, compiled.calendar).toISOString() : undefined;
    const form = step.minutesForm ? compiled.forms[step.minutesForm] : undefined;
    const points = [...step.agenda, ...(await activities.meetingAgenda({ projectId, at: base.openedAt }))];
    const pauses = step.pauseWhileWaitingOnExternal ?? false;
    await openTask(
      {
        ...base,
        kind: 'meeting',
        title: step.title,
        assignee: step.organizer,
        form: step.minutesForm,
        outcomes: ['held'],
        priority: 'normal',
        dueAt,
        agenda: points,
        meeting: { attendees: step.attendees },
      },
      { assignee: step.organizer, outcomes: ['held'], form, ...pausable(pauses, dueAt) },
    );
    // Meetings compiled before they had a ladder have none: nothing runs beside them, as before.
    const watchers = step.escalations?.length || pauses ? watch(base.id, step.escalations ?? [], pauses) : [];
    const agenda = points.length > 0 ? ` Agenda: ${points.join('; ')}.` : '';
    for (const [index, attendee] of step.attendees.entries()) {
      await activities.enqueueNotification({
        id: `${base.id}:invite:${index}`,
        projectId,
        taskId: base.id,
        kind: 'invitation',
        recipient: attendee,
        subject: `Invitation: ${step.title}`,
        body: `You are invited to "${step.title}" (project ${projectId}, stage ${stageId}).${agenda}`,
        at: new Date().toISOString(),
      });
    }
    const held = await nextCompletion((completion) => completion.taskId === base.id);
    await remember(step.id, held);
    if (watchers.length > 0) await Promise.all(watchers);
    if (step.actionItems) await startActionItems(step, held);
  }

  /** Each action item of the minutes becomes a task of its owner, followed in a workflow of its own (R-EXP-6). */
  async function startActionItems(step: MeetingStep, held: Completion): Promise<void> {
    const items = Array.isArray(held.data.actionItems) ? (held.data.actionItems as { item?: unknown; owner?: unknown; due?: unknown }[]) : [];
    const iteration = iterations.get(step.id) ?? 1;
    for (const [offset, action] of items.entries()) {
      if (typeof action.item !== 'string' || typeof action.owner !== 'string' || typeof action.due !== 'string') continue;
      const index = offset + 1;
      await startChild(stageWorkflow, {
        workflowId: `${workflowId}/action/${step.id}/${iteration}/${index}`,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            ...input,
            cadence: undefined,
            steps: {},
            variables: { ...variables },
            actionItem: { meetingStepId: step.id, iteration, index, item: action.item, owner: action.owner, due: action.due, organizer: step.organizer },
          },
        ],
      });
    }
  }

  /** An action item as a task of its owner: reminded when due, and the organizer told two days later. */
  async function followActionItem(action: ActionItemRun): Promise<StageWorkflowResult['outcome']> {
    const dueAt = new Date(startOfLocalDate(action.due, compiled.calendar.timezone).getTime() + END_OF_WORKING_DAY_MS);
    const untilDue = Math.max(0, dueAt.getTime() - Date.now());
    const seconds = (ms: number) => `PT${Math.ceil(ms / 1000)}S`;
    const stepId = `${action.meetingStepId}-action-${action.index}`;
    iterations.set(stepId, action.iteration);
    await runTask(
      {
        id: stepId,
        type: 'task',
        name: `Action item: ${action.item}`,
        assignee: { user: action.owner },
        outcomes: ['done'],
        priority: 'normal',
        escalations: [
          { after: seconds(untilDue), action: 'remind' },
          { after: seconds(untilDue + 2 * DAY_MS), action: 'notify', to: action.organizer },
        ],
        pauseWhileWaitingOnExternal: false,
      },
      dueAt,
      {
        // The meeting was held in this stage run: its task id follows from the step and occurrence.
        meetingId: taskId({ projectId, stageId, run, stepId: action.meetingStepId, iteration: action.iteration }),
        index: action.index,
        item: action.item,
        owner: action.owner,
        due: action.due,
      },
    );
    const done = results[stepId];
    // The organizer learns that what the meeting asked for is done, by whom, without having to chase it.
    await activities.enqueueNotification({
      id: `${workflowId}:done`,
      projectId,
      kind: 'message',
      recipient: action.organizer,
      subject: `Action item done: ${action.item}`,
      body: `"${action.item}" from the meeting ${action.meetingStepId} was marked done by ${done?.by ?? action.owner}.`,
      at: new Date().toISOString(),
    });
    return 'completed';
  }

  /** A named domain action; set-variables changes what later conditions see, notify sends a message. */
  async function runService(step: ServiceStep): Promise<void> {
    const at = new Date().toISOString();
    const key = `${workflowId}/${step.id}:${iterations.get(step.id) ?? 1}`;
    switch (step.action) {
      case 'set-variables':
        Object.assign(variables, step.with);
        await activities.recordAudit(audit(`${key}:variables`, { action: 'variables.set', actor: SYSTEM_ACTOR, subject: step.id, detail: { ...step.with } }));
        await shareWithCadences({ variables: { ...variables } });
        break;
      case 'notify': {
        const { to, subject, body } = step.with as { to: Assignee; subject: string; body?: string };
        await activities.enqueueNotification({ id: `${key}:notify`, projectId, kind: 'message', recipient: to, subject, body: body ?? subject, at });
        break;
      }
      case 'assessment-report':
        // The API refuses to start projects using this action (runnableProblems).
        throw ApplicationFailure.nonRetryable(`Service action ${step.action} cannot run on this engine version yet (step ${step.id})`);
      default: {
        const data = await runDomainService(step, { projectId, workflowId, stage, definition, results, key, audit, lastProgress });
        await record(step.id, { outcome: 'done', data, by: SYSTEM_ACTOR });
        return;
      }
    }
    await record(step.id, { outcome: 'done', data: { ...step.with }, by: SYSTEM_ACTOR });
  }

  /**
   * Starts a cadence as its own workflow (a CadenceRun of this stage) and waits for it to
   * end: a stage that tracks for years keeps its own history short, and the cadence
   * continues as new whenever its history grows long. It reads the variables and the step
   * results it needs, forwarded as they change.
   */
  async function runCadence(step: CadenceStep): Promise<void> {
    const childId = `${workflowId}/cadence/${step.id}`;
    cadenceWorkflows.set(childId, resultsReadBy(step));
    const { until } = step;
    if (typeof until !== 'string') cadenceEnds.set(childId, until.reached);
    try {
      const child = await startChild(stageWorkflow, {
        workflowId: childId,
        args: [
          {
            ...input,
            variables: { ...variables },
            steps: typeof until === 'string' ? results : stepsUntilReached(until.reached),
            cadence: { stepId: step.id, stageWorkflowId: workflowId, occurrence: 1, confirmed: [] },
          },
        ],
      });
      const { steps } = await child.result();
      Object.assign(results, steps);
      Object.assign(stageResults, steps);
    } finally {
      cadenceWorkflows.delete(childId);
      cadenceEnds.delete(childId);
    }
  }

  /**
   * What a cadence that ends when `reached` is reached starts with: that step's result only if
   * it was reached in this run of the stage, not one an earlier stage or loop left behind.
   */
  function stepsUntilReached(reached: string): StepResults {
    const { [reached]: earlier, ...steps } = results;
    return passed.has(reached) ? { ...steps, [reached]: earlier ?? REACHED } : steps;
  }

  /** A step finished (a gate routed): the cadences that end when it is reached hear of it. */
  async function tellCadencesReached(stepId: string): Promise<void> {
    for (const [childId, reached] of cadenceEnds) {
      if (reached !== stepId) continue;
      try {
        await getExternalWorkflowHandle(childId).signal(stageContextSignal, { steps: { [stepId]: results[stepId] ?? REACHED } });
      } catch (error) {
        // The server refuses the signal when the cadence ended meanwhile: it no longer needs it.
        if (!(error instanceof TemporalFailure)) throw error;
      }
    }
  }

  /** The results a cadence's occurrences read: the steps its service names, and the baselines whose deadlines it confirms. */
  function resultsReadBy(step: CadenceStep): Set<string> {
    const everyStep = stepsWithin(compiled.stages.flatMap((candidate) => candidate.steps));
    const inner = step.step;
    const named =
      inner.type === 'service'
        ? Object.values(inner.with)
            .flatMap((value) => (Array.isArray(value) ? value : [value]))
            .filter((value): value is string => typeof value === 'string')
        : [];
    const read = everyStep
      .filter((candidate) => named.includes(candidate.id))
      .map((candidate) => (candidate.type === 'cadence' ? candidate.step.id : candidate.id));
    const baselines = step.beforeDeadlines
      ? everyStep.filter((candidate) => candidate.type === 'service' && candidate.action === 'publish-baseline').map((candidate) => candidate.id)
      : [];
    return new Set([...read, ...baselines]);
  }

  /**
   * The cadence this workflow runs: from `from` until `until` holds, every interval
   * (counted from the first occurrence, so late meetings do not drift the schedule) or
   * before each deadline of the baseline in force. Meeting and task results go back to the
   * stage after each occurrence.
   */
  async function runCadenceHere(state: CadenceRun): Promise<StageWorkflowResult['outcome']> {
    const step = stepsWithin(stage.steps).find((candidate): candidate is CadenceStep => candidate.type === 'cadence' && candidate.id === state.stepId);
    if (!step) throw ApplicationFailure.nonRetryable(`No cadence ${state.stepId} in stage ${stageId}`);
    lastProgress.json = state.lastProgress;
    const subject = `${input.cadence!.stageWorkflowId}/${step.id}`;
    if (state.startedAt === undefined) {
      if (step.from !== undefined) await condition(() => holds(step.from!) || ended(step.until));
      state.startedAt = new Date().toISOString();
      await activities.recordAudit(
        audit(`${subject}:cadence.started`, {
          action: 'cadence.started',
          actor: SYSTEM_ACTOR,
          subject: step.id,
          detail: { ...(step.every ? { every: step.every } : { beforeDeadlines: step.beforeDeadlines }), workflowId },
        }),
      );
    }
    if (step.every) await repeatEvery(step, step.every, state);
    else await confirmBeforeDeadlines(step, step.beforeDeadlines!.workdays, state);
    await activities.recordAudit(
      audit(`${subject}:cadence.ended`, { action: 'cadence.ended', actor: SYSTEM_ACTOR, subject: step.id, detail: { occurrences: state.occurrence - 1 } }),
    );
    return 'completed';
  }

  /** Whether a cadence's end has come: its condition holds, or the step it waits for was reached (the stage forwards it). */
  function ended(until: CadenceEnd): boolean {
    return typeof until === 'string' ? holds(until) : results[until.reached] !== undefined;
  }

  async function runOccurrence(inner: CadenceStep['step'], state: CadenceRun, until: CadenceEnd, nextDue?: Date): Promise<void> {
    iterations.set(inner.id, state.occurrence);
    let held = false;
    if (inner.type === 'service') await runService(inner);
    else held = await unlessCadenceEnds(inner, until, nextDue);
    state.occurrence++;
    if (held) await getExternalWorkflowHandle(state.stageWorkflowId).signal(stepResultsSignal, { [inner.id]: results[inner.id] });
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= CADENCE_HISTORY_BUDGET) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof stageWorkflow>({ ...input, variables, steps: results, cadence: { ...state, lastProgress: lastProgress.json } });
    }
  }

  /**
   * A meeting or task of a cadence, cancelled if the cadence ends while it is open: once
   * tracking closes, nobody should owe the weekly report any more. Answers whether it was done.
   */
  async function unlessCadenceEnds(inner: MeetingStep | TaskStep, until: CadenceEnd, nextDue?: Date): Promise<boolean> {
    const scope = new CancellationScope();
    let done = false;
    const occurrence = scope
      .run(() => (inner.type === 'meeting' ? runMeeting(inner) : runTask(inner)))
      .then(() => {
        done = true;
      });
    const over = () => done || ended(until);
    // With a next slot, an occurrence still open when the next is due is missed: the cadence keeps its rhythm.
    const missed = nextDue === undefined ? (await condition(over), false) : !(await condition(over, Math.max(0, nextDue.getTime() - Date.now())));
    if (done) {
      await occurrence;
      return true;
    }
    scope.cancel();
    await occurrence.catch((error: unknown) => {
      // Only the cancellation just asked for is expected here.
      if (!isCancellation(error)) throw error;
    });
    const id = taskId({ projectId, stageId, run, stepId: inner.id, iteration: iterations.get(inner.id) ?? 1 });
    if (missed && !ended(until)) {
      await expireOpen(id, 'missed: not held before the next occurrence was due');
      await recordMissed(inner, iterations.get(inner.id) ?? 1, 'not held before the next occurrence was due');
    } else {
      await cancelOpen([id], `the cadence ended: ${describeEnd(until)}`);
    }
    return false;
  }

  async function repeatEvery(step: CadenceStep, every: Duration, state: CadenceRun): Promise<void> {
    const started = new Date(state.startedAt!);
    for (;;) {
      // Cadences started before this rule keep their old rhythm until their next occurrence (docs/versioning.md).
      if (!patched(CADENCE_RHYTHM)) {
        const due = scheduledSlot(started, every, state.occurrence, compiled.calendar);
        const wait = due.getTime() - Date.now();
        if (wait > 0) await condition(() => ended(step.until), wait);
        if (ended(step.until)) return;
        await runOccurrence(step.step, state, step.until);
        continue;
      }
      const due = await nextWorkingSlot(step, every, started, state);
      const wait = due.getTime() - Date.now();
      if (wait > 0) await condition(() => ended(step.until), wait);
      if (ended(step.until)) return;
      const nextDue = workingSlotAfter(step, every, started, state.occurrence);
      await runOccurrence(step.step, state, step.until, nextDue);
    }
  }

  /**
   * The slot of the next occurrence on a working day: slots merged into the next one (a
   * weekend's days into Monday) are passed over, and slots whose successor is already due
   * (nothing ran while they were due) are recorded as missed without opening anything.
   */
  async function nextWorkingSlot(step: CadenceStep, every: Duration, started: Date, state: CadenceRun): Promise<Date> {
    for (;;) {
      const due = workingSlot(started, every, state.occurrence, compiled.calendar, step.onNonWorkingDay);
      if (due === undefined) {
        state.occurrence++;
        continue;
      }
      if (step.step.type !== 'service' && workingSlotAfter(step, every, started, state.occurrence).getTime() <= Date.now()) {
        await recordMissed(step.step, state.occurrence, 'its time passed while nothing ran');
        state.occurrence++;
        continue;
      }
      return due;
    }
  }

  /** When the occurrence after `occurrence` is due, merged slots passed over. */
  function workingSlotAfter(step: CadenceStep, every: Duration, started: Date, occurrence: number): Date {
    for (let n = occurrence + 1; ; n++) {
      const due = workingSlot(started, every, n, compiled.calendar, step.onNonWorkingDay);
      if (due) return due;
    }
  }

  /** A cadence occurrence that was not held before the next was due: recorded, and its organizer told. */
  async function recordMissed(inner: CadenceStep['step'], occurrence: number, why: string): Promise<void> {
    const id = taskId({ projectId, stageId, run, stepId: inner.id, iteration: occurrence });
    const subject = `${input.cadence!.stageWorkflowId}/${input.cadence!.stepId}`;
    await activities.recordAudit(
      audit(`${id}:cadence.missed`, { action: 'cadence.missed', actor: SYSTEM_ACTOR, subject: id, reason: why, detail: { cadence: subject, occurrence } }),
    );
    if (inner.type === 'service') return;
    const title = inner.type === 'meeting' ? inner.title : inner.name;
    await activities.enqueueNotification({
      id: `${id}:missed`,
      projectId,
      taskId: id,
      kind: 'message',
      recipient: inner.type === 'meeting' ? inner.organizer : inner.assignee,
      subject: `Missed: ${title}`,
      body: `"${title}" (occurrence ${occurrence}) was not held before the next one was due (${why}). The cadence goes on at its own slots.`,
      at: new Date().toISOString(),
    });
  }

  /**
   * One occurrence `workdays` working days before each deadline of the baseline in force
   * (R-EXP-6: confirmation with the customer before each key milestone). A new baseline
   * (a change signed in a sub-process) re-plans the deadlines not yet confirmed; a deadline
   * that has passed is not confirmed after the fact.
   */
  async function confirmBeforeDeadlines(step: CadenceStep, workdays: number, state: CadenceRun): Promise<void> {
    const allSteps = compiled.stages.flatMap((candidate) => candidate.steps);
    while (!ended(step.until)) {
      const baseline = baselineInForce(allSteps, results);
      const changed = () => baselineInForce(allSteps, results)?.version !== baseline?.version;
      const now = new Date();
      const next = (baseline?.deadlines ?? [])
        .filter((deadline) => !state.confirmed.includes(deadline) && !deadlinePassed(deadline, now, compiled.calendar))
        .map((deadline) => ({ deadline, at: confirmationTime(deadline, workdays, compiled.calendar).getTime() }))
        .sort((a, b) => a.at - b.at)[0];
      if (!next) {
        await condition(() => ended(step.until) || changed());
        continue;
      }
      if (next.at > now.getTime()) {
        await condition(() => ended(step.until) || changed(), next.at - now.getTime());
        continue;
      }
      state.confirmed.push(next.deadline);
      const inner = step.step;
      await runOccurrence(inner.type === 'meeting' ? { ...inner, title: `${inner.title}: deadline ${next.deadline}` } : inner, state, step.until);
    }
  }

  async function runApproval(step: ApprovalStep): Promise<'approved' | 'rejected'> {
    const { policy } = step;
    const form = step.form ? definition.compiled.forms[step.form] : undefined;
    const slotOf = new Map<string, number>();
    /** When each slot was decided, for its signature. */
    const decidedAt = new Map<number, string>();
    const ladders: Promise<void>[] = [];
    let snapshot = startApproval(policy);
    const startedAt = new Date();
    // The submitter is whoever completed the stage's last step before this approval.
    const submittedBy = Object.values(stageResults)
      .filter((result) => result.by !== SYSTEM_ACTOR)
      .at(-1)?.by;
    withdrawnBy.delete(step.id);
    const { timeout } = step;
    if (timeout) {
      ladders.push(
        runEscalationLadder([timeout], startedAt, compiled.calendar, {
          isOpen: () => snapshot.result === 'pending',
          act: (rung) =>
            timeOut(
              rung,
              [...slotOf.keys()].filter((id) => tasks.get(id)?.status === 'open'),
            ),
        }),
      );
    }
    for (;;) {
      for (const slot of openSlots(policy, snapshot)) {
        const base = taskBase(step.id, slot);
        if (slotOf.has(base.id)) continue;
        slotOf.set(base.id, slot);
        const assignee = policy.approvers[slot];
        const title = policy.approvers.length > 1 ? `${step.name} (${slot + 1} of ${policy.approvers.length})` : step.name;
        // Each slot is due counted from when it opened: a sequential approver's time starts with their turn.
        const dueAt = step.due ? addDuration(new Date(base.openedAt), step.due, compiled.calendar).toISOString() : undefined;
        await openTask(
          { ...base, kind: 'approval', title, assignee, form: step.form, outcomes: [...APPROVAL_OUTCOMES], priority: 'normal', dueAt, submittedBy },
          { assignee, outcomes: [...APPROVAL_OUTCOMES], form, slot, submittedBy, ...pausable(step.pauseWhileWaitingOnExternal, dueAt) },
        );
        ladders.push(...watch(base.id, step.escalations, step.pauseWhileWaitingOnExternal));
      }
      const { result } = snapshot;
      if (result !== 'pending') {
        await cancelOpen([...slotOf.keys()], `approval ${result}`);
        await Promise.all(ladders);
        const signatures = snapshot.slots
          .filter((slot) => slot.decision !== undefined)
          .map((slot) => ({
            approver: describeAssignee(policy.approvers[slot.slot]),
            by: slot.decidedBy!,
            decision: slot.decision!,
            at: decidedAt.get(slot.slot),
          }));
        await record(step.id, { outcome: result === 'approved' ? 'approve' : 'reject', data: { signatures }, by: SYSTEM_ACTOR });
        // Withdrawn work goes the way of a rejection: back for rework when the step allows it.
        return result === 'approved' ? 'approved' : 'rejected';
      }
      await condition(() => withdrawnBy.has(step.id) || completions.some((candidate) => slotOf.has(candidate.taskId)));
      if (withdrawnBy.has(step.id)) {
        snapshot = stepApproval(policy, snapshot, { type: 'WITHDRAW', by: withdrawnBy.get(step.id)! });
        continue;
      }
      const completion = await nextCompletion((candidate) => slotOf.has(candidate.taskId));
      decidedAt.set(slotOf.get(completion.taskId)!, completion.at);
      snapshot = decideApproval(policy, snapshot, {
        slot: slotOf.get(completion.taskId)!,
        decision: completion.outcome as ApprovalDecision,
        by: completion.by,
      });
    }
  }

  /** An approval not decided in time: decide the open slots as the policy says, or hand them to someone else. */
  async function timeOut(timeout: NonNullable<ApprovalStep['timeout']>, openIds: string[]): Promise<void> {
    for (const id of openIds) {
      if (timeout.outcome === 'escalate') await applyRung(id, { after: timeout.after, action: 'reassign', to: timeout.to });
      else await applyRung(id, { after: timeout.after, action: 'auto-decide', outcome: timeout.outcome });
    }
  }

  /** Closes an open task as expired: its time passed without anyone doing it. */
  async function expireOpen(id: string, reason: string): Promise<void> {
    const task = tasks.get(id);
    if (!task || task.status !== 'open') return;
    task.status = 'expired';
    await activities.closeTask({
      taskId: id,
      status: 'expired',
      record: recordOf(task.opened),
      at: new Date().toISOString(),
      audit: audit(`${id}:task.expired`, { action: 'task.cancelled', actor: SYSTEM_ACTOR, subject: id, reason, detail: { expired: true } }),
    });
  }

  async function cancelOpen(ids: string[], reason: string): Promise<void> {
    for (const id of ids) {
      const task = tasks.get(id);
      if (!task || task.status !== 'open') continue;
      task.status = 'cancelled';
      await activities.closeTask({
        taskId: id,
        status: 'cancelled',
        record: recordOf(task.opened),
        at: new Date().toISOString(),
        audit: audit(`${id}:task.cancelled`, { action: 'task.cancelled', actor: SYSTEM_ACTOR, subject: id, reason, detail: {} }),
      });
    }
  }

  async function runTimer(step: TimerStep): Promise<void> {
    const firesAt = addDuration(new Date(), step.duration, compiled.calendar);
    const subject = `${workflowId}/${step.id}:${iterations.get(step.id)}`;
    await activities.recordAudit(
      audit(`${subject}:timer.started`, {
        action: 'timer.started',
        actor: SYSTEM_ACTOR,
        subject,
        detail: { duration: step.duration, firesAt: firesAt.toISOString() },
      }),
    );
    const { until } = step;
    let endedEarly = false;
    if (until === undefined) await sleep(firesAt.getTime() - Date.now());
    else endedEarly = await condition(() => holds(until), firesAt.getTime() - Date.now());
    await activities.recordAudit(
      audit(`${subject}:timer.fired`, {
        action: 'timer.fired',
        actor: SYSTEM_ACTOR,
        subject,
        detail: { duration: step.duration, ...(endedEarly ? { endedEarly: until } : {}) },
      }),
    );
  }
}

/** `delivery-complete was reached`, or the condition, for the audit of what ended a cadence. */
function describeEnd(until: CadenceEnd): string {
  return typeof until === 'string' ? until : `${until.reached} was reached`;
}

/** Whom an escalation rung reaches: its recipient, and for a role the project's members in it (absent on the old path). */
interface Reach {
  recipient: Assignee;
  members?: string[];
}

/** What the audit says of a role resolved to the project's members. */
function reachDetail(reach: Reach): Record<string, unknown> {
  return reach.members === undefined ? {} : { members: reach.members, ...(reach.members.length === 0 ? { fallback: 'role' } : {}) };
}

/** Why an escalation went to a whole role: nobody holds it in the project. */
function fallbackNote(reach: Reach): string | undefined {
  return reach.members?.length === 0 && 'role' in reach.recipient
    ? `nobody holds role ${reach.recipient.role} in this project, so it went to the role`
    : undefined;
}

/** `role:customer` or `user:carl`: whom an approval slot was addressed to, for its signature. */
function describeAssignee(assignee: Assignee): string {
  return 'role' in assignee ? `role:${assignee.role}` : `user:${assignee.user}`;
}
