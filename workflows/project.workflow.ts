import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  ParentClosePolicy,
  setHandler,
  startChild,
  TemporalFailure,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type AuditEntry,
  type CancelProjectInput,
  cancelProjectUpdate,
  CHURN_WARNING_SIGNAL,
  type ChurnCrossing,
  churnWarningSignal,
  ENGINE_SIGNALS,
  type MigrateProjectInput,
  REFUSAL_PREFIX,
  migrateProjectUpdate,
  type PinnedDefinition,
  changeMembersUpdate,
  raiseEventUpdate,
  metricBreachedSignal,
  metricReadingsSignal,
  postReadingsUpdate,
  READINGS_REFUSAL,
  stepResultsSignal,
  type ProcessVariables,
  type ProjectMember,
  type ProjectLiveState,
  type StepResults,
  type OpenSubprocess,
  type ProjectResume,
  type ProjectWorkflowInput,
  stageFinishedSignal,
  type StageFinished,
  type ProjectWorkflowResult,
  projectEventId,
  projectStateQuery,
  stageWorkflowId,
  SYSTEM_ACTOR,
} from '@accord/contracts';
import { conditionEnvironment, evaluateCondition, handlersWhile, migrationProblems, signalHandlerWhile, stagesAfter } from '@accord/domain';
import { activities } from './activities.proxy';
import { awaitIncidentResolution, setIncidentScope } from './incidents';
import { stageWorkflow } from './stage.workflow';

/** The definition's variable defaults, overridden by what the project was started with. */
function variablesOf(pinned: PinnedDefinition, given: ProcessVariables = {}): ProcessVariables {
  const defaults = Object.entries(pinned.compiled.variables).filter(([, variable]) => variable.default !== undefined);
  return { ...Object.fromEntries(defaults.map(([name, variable]) => [name, variable.default!])), ...given };
}

/**
 * A project run continues as new once its history reaches this many events, unless the
 * input says otherwise (ACCORD_PROJECT_HISTORY_BUDGET): far below Temporal's limits, and
 * short enough that a replay after a crash stays quick.
 */
const PROJECT_HISTORY_BUDGET = 5_000;

/**
 * Runs a project's stages in order, each as its own child workflow, on the definition
 * version it was pinned to; a migration accepted meanwhile takes effect at the next stage boundary.
 */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectWorkflowResult> {
  const { projectId, resume } = input;
  let definition: PinnedDefinition = resume?.definition ?? input.definition;
  const sequence = (pinned: PinnedDefinition) => pinned.compiled.stages.filter((stage) => stage.trigger === 'sequence').map((stage) => stage.id);
  let remaining = resume?.remaining ?? sequence(definition);
  const steps: StepResults = { ...resume?.steps };
  let pendingMigration: MigrateProjectInput | undefined = resume?.pendingMigration;
  const state: ProjectLiveState = {
    projectId,
    status: 'running',
    completedStages: [...(resume?.completedStages ?? [])],
    currentStage: resume?.running?.stageId,
  };
  setHandler(projectStateQuery, () => state);
  let members: ProjectMember[] = [...(resume?.members ?? input.members ?? [])];
  let variables = resume?.variables ?? variablesOf(definition, input.variables);
  const stages: ProjectWorkflowResult['stages'] = [...(resume?.stages ?? [])];
  /** Stages that told the project they ended, by workflow id, until the project takes their result. */
  const finished = new Map<string, StageFinished>((resume?.finished ?? []).map((ended) => [ended.workflowId, ended]));
  const historyBudget = input.continueAsNewAfter ?? PROJECT_HISTORY_BUDGET;
  const historyLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyBudget;
  const sameMember = (a: ProjectMember) => (b: ProjectMember) => a.user === b.user && a.role === b.role;

  setHandler(
    changeMembersUpdate,
    async (change) => {
      members = [...members.filter((member) => !change.remove.some(sameMember(member))), ...change.add.filter((member) => !members.some(sameMember(member)))];
      await activities.recordMembersChanged({
        projectId,
        add: change.add,
        remove: change.remove,
        by: change.changedBy,
        at: new Date().toISOString(),
        audit: audit(`members:${change.requestId}`, {
          action: 'project.members-changed',
          actor: change.changedBy,
          requestId: change.requestId,
          detail: { add: change.add, remove: change.remove },
        }),
      });
      return members;
    },
    {
      validator: (change) => {
        const roles = definition.compiled.roles;
        const unknown = [...change.add, ...change.remove].filter((member) => !(member.role in roles));
        if (unknown.length > 0)
          throw ApplicationFailure.nonRetryable(
            `${REFUSAL_PREFIX}${JSON.stringify(unknown.map((member) => `role ${member.role} is not a role of ${definition.key}`))}`,
          );
      },
    },
  );

  const audit = (id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>): AuditEntry => ({
    id: `${projectId}:${id}`,
    projectId,
    at: new Date().toISOString(),
    ...fields,
  });

  setHandler(
    migrateProjectUpdate,
    async (request) => {
      pendingMigration = request;
      const result = {
        projectId,
        from: { key: definition.key, version: definition.version },
        to: { key: request.target.key, version: request.target.version },
        effectiveAfterStage: state.currentStage!,
      };
      await activities.recordAudit(
        audit(`migration:${request.requestId}:accepted`, {
          action: 'project.migration-accepted',
          actor: request.requestedBy,
          requestId: request.requestId,
          reason: request.reason,
          subject: state.currentStage,
          detail: { from: result.from, to: result.to, effectiveAfterStage: result.effectiveAfterStage },
        }),
      );
      return result;
    },
    {
      validator: (request) => {
        const finished = state.status !== 'running';
        const problems =
          state.currentStage || finished
            ? migrationProblems({ current: definition, currentStage: state.currentStage, remainingStages: remaining, finished }, request.target)
            : ['the project is still starting: try again in a moment'];
        if (problems.length > 0) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify(problems));
      },
    },
  );

  /** On-demand stages started by events, each its own workflow, awaited before the project ends. */
  const subprocesses = new Map<string, OpenSubprocess>((resume?.subprocesses ?? []).map((open) => [open.workflowId, open]));
  const runs = new Map<string, number>(Object.entries(resume?.runs ?? {}));
  const currentHandlers = () => handlersWhile(definition.compiled, state.currentStage ?? null);
  const handlerFor = (signal: string) => signalHandlerWhile(definition.compiled, state.currentStage ?? null, signal);

  /**
   * Starts an on-demand stage as its own workflow for an event (a signal raised through the
   * API, or a metric breach a stage reported); the event is recorded with what it started
   * and closed when that sub-process ends, so feedback and changes can be followed to closure.
   */
  async function startSubprocess(event: {
    kind: 'signal' | 'metric-breach';
    name: string;
    data: Record<string, unknown>;
    raisedBy: string;
    requestId: string;
    start: string;
  }) {
    const { start } = event;
    const run = (runs.get(start) ?? 0) + 1;
    runs.set(start, run);
    const childId = stageWorkflowId(projectId, start, run);
    const eventId = projectEventId(projectId, event.requestId);
    const during = state.currentStage ?? null;
    const recorded = await activities.recordProjectEvent({
      id: eventId,
      projectId,
      kind: event.kind,
      name: event.name,
      data: event.data,
      raisedBy: event.raisedBy,
      at: new Date().toISOString(),
      duringStage: during,
      startedStage: start,
      startedWorkflowId: childId,
      audit: audit(`event:${event.requestId}`, {
        action: event.kind === 'signal' ? 'event.raised' : 'metric.breached',
        actor: event.raisedBy,
        requestId: event.requestId,
        subject: event.name,
        detail: { data: event.data, during, starts: start, workflowId: childId },
      }),
    });
    await activities.recordAudit(
      audit(`${start}:${run}:stage.started`, {
        action: 'stage.started',
        actor: SYSTEM_ACTOR,
        subject: start,
        detail: { workflowId: childId, version: definition.version, startedBy: event.name },
      }),
    );
    subprocesses.set(childId, { workflowId: childId, eventId, stageId: start, run, startedBy: event.name });
    await startStage(start, run);
    // A complaint or a breach may be what turned the customer's churn warning on (absent from histories before it).
    if (recorded?.standing?.crossed) await raiseChurnWarning({ standing: recorded.standing, evaluation: eventId });
    return { stageId: start, run, workflowId: childId };
  }

  /**
   * The customer's churn warning turned on with something this project recorded: the
   * definition's `churn-warning` handler starts retention, recorded as an event like any
   * other; without one, the audit trail still says so. Only the recording that crossed
   * tells a project, so a warning that stays on starts nothing more.
   */
  async function raiseChurnWarning({ standing, evaluation }: ChurnCrossing): Promise<void> {
    const handler = handlerFor(CHURN_WARNING_SIGNAL);
    const data = {
      customerKey: standing.customerKey,
      churnScore: standing.churnScore,
      churnThreshold: standing.churnThreshold,
      classLabel: standing.classLabel,
      signals: standing.signals,
    };
    if (state.status !== 'running' || !handler) {
      await activities.recordAudit(
        audit(`churn:${evaluation}`, {
          action: 'customer.churn-warning',
          actor: SYSTEM_ACTOR,
          subject: standing.customerKey,
          detail: { ...data, during: state.currentStage ?? null, starts: null },
        }),
      );
      return;
    }
    await startSubprocess({ kind: 'signal', name: CHURN_WARNING_SIGNAL, data, raisedBy: SYSTEM_ACTOR, requestId: `churn:${evaluation}`, start: handler.start });
  }

  setHandler(churnWarningSignal, raiseChurnWarning);

  /**
   * Starts a stage as its own workflow. Its end comes back as the stageFinished signal, not
   * as the child's result: the project may have continued as new since, and stages it
   * started run on (ABANDON) rather than end with the run that started them.
   */
  async function startStage(stageId: string, run: number): Promise<void> {
    await startChild(stageWorkflow, {
      workflowId: stageWorkflowId(projectId, stageId, run),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ projectId, stageId, run, definition, variables, steps, ...(input.stageEventBudget ? { eventBudget: input.stageEventBudget } : {}) }],
    });
  }

  setHandler(stageFinishedSignal, async (reported) => {
    let ended = reported;
    const subprocess = subprocesses.get(ended.workflowId);
    if (!subprocess) {
      finished.set(ended.workflowId, ended);
      return;
    }
    if (ended.failure) {
      const action = await awaitStageIncident(subprocess.stageId, ended);
      // Retried: the reset stage reports again. Cancelled: the project's end closes the event.
      if (action !== 'skip') return;
      await closeAbandonedTasks(subprocess.stageId, subprocess.run, ended.workflowId);
      ended = { ...ended, outcome: 'skipped' };
    }
    // What the sub-process decided (a new baseline) holds for the rest of the project, and for the stage running now.
    Object.assign(steps, ended.steps);
    if (state.currentStage && Object.keys(ended.steps).length > 0) await tellRunningStage(ended.steps);
    await activities.closeProjectEvent({
      id: subprocess.eventId,
      at: new Date().toISOString(),
      outcome: ended.outcome,
      audit: audit(`${subprocess.stageId}:${subprocess.run}:stage.completed`, {
        action: 'stage.completed',
        actor: SYSTEM_ACTOR,
        subject: subprocess.stageId,
        detail: { outcome: ended.outcome, startedBy: subprocess.startedBy },
      }),
    });
    subprocesses.delete(ended.workflowId);
  });

  async function tellRunningStage(decided: StepResults): Promise<void> {
    try {
      await getExternalWorkflowHandle(stageWorkflowId(projectId, state.currentStage!, 1)).signal(stepResultsSignal, decided);
    } catch (error) {
      // The server refuses the signal when the stage ended between the sub-process's end and it;
      // nothing is lost: the next stage starts with `steps`, which has the results.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }

  setHandler(
    raiseEventUpdate,
    async (event) => ({
      started: await startSubprocess({
        kind: 'signal',
        name: event.signal,
        data: event.data,
        raisedBy: event.raisedBy,
        requestId: event.requestId,
        start: handlerFor(event.signal)!.start,
      }),
    }),
    {
      validator: (event) => {
        if (ENGINE_SIGNALS.includes(event.signal) && event.raisedBy !== SYSTEM_ACTOR) {
          throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([`"${event.signal}" is raised by the engine itself`]));
        }
        if (state.status !== 'running' || !handlerFor(event.signal)) {
          throw ApplicationFailure.nonRetryable(
            REFUSAL_PREFIX +
              JSON.stringify([`no running stage handles "${event.signal}"${state.currentStage ? ` (stage ${state.currentStage} is running)` : ''}`]),
          );
        }
      },
    },
  );

  // The running stage owns the metric handlers, so readings go there.
  setHandler(
    postReadingsUpdate,
    async (posted) => {
      const stage = state.currentStage!;
      // The stage is current a moment before its workflow exists (its start is recorded first),
      // and stays current a moment after it ended: a signal then finds no workflow, and the
      // caller is told it came between two stages, to post again in a moment.
      try {
        await getExternalWorkflowHandle(stageWorkflowId(projectId, stage, 1)).signal(metricReadingsSignal, posted);
      } catch (error) {
        if (!(error instanceof TemporalFailure)) throw error;
        throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([READINGS_REFUSAL.betweenStages]));
      }
      return { stage, readings: posted.readings.length };
    },
    {
      validator: (posted) => {
        if (posted.readings.length === 0) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([READINGS_REFUSAL.empty]));
        if (state.status !== 'running' || !state.currentStage) {
          throw ApplicationFailure.nonRetryable(
            REFUSAL_PREFIX + JSON.stringify([state.status === 'running' ? READINGS_REFUSAL.betweenStages : READINGS_REFUSAL.ended]),
          );
        }
      },
    },
  );

  setHandler(metricBreachedSignal, async (breach) => {
    // A stage that ended between its reading and this signal has no handler left to answer it.
    const handled = currentHandlers().some((handler) => 'metric' in handler && handler.metric === breach.metric && handler.start === breach.start);
    if (state.status !== 'running' || !handled) return;
    await startSubprocess({
      kind: 'metric-breach',
      name: breach.metric,
      data: { value: breach.value, threshold: breach.threshold },
      raisedBy: SYSTEM_ACTOR,
      requestId: `breach:${breach.metric}:${breach.at}`,
      start: breach.start,
    });
  });

  /** The project's own course; a cancellation (cancelProject) cancels it wherever it waits. */
  const course = new CancellationScope();
  let cancellation: CancelProjectInput | undefined;
  let cancelRecorded = false;
  setIncidentScope({ stageId: null, currentStep: () => null, cancelled: () => cancellation !== undefined });
  setHandler(
    cancelProjectUpdate,
    async (request) => {
      cancellation = request;
      course.cancel();
      await condition(() => cancelRecorded);
      return { projectId, status: 'cancelled' as const };
    },
    {
      validator: (_request) => {
        if (state.status !== 'running' || cancellation) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify(['the project has ended']));
      },
    },
  );

  try {
    return await course.run(runProject);
  } catch (error) {
    if (!cancellation || !isCancellation(error)) throw error;
    return await CancellationScope.nonCancellable(() => endCancelled(cancellation!));
  }

  async function runProject(): Promise<ProjectWorkflowResult> {
    if (!resume) {
      await activities.recordProjectStarted({
        projectId,
        name: input.name,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        workflowId: workflowInfo().workflowId,
        team: input.team,
        customer: input.customer,
        startedBy: input.startedBy,
        members,
        at: new Date().toISOString(),
        audit: audit('project.started', {
          action: 'project.started',
          actor: input.startedBy,
          requestId: input.requestId,
          detail: {
            name: input.name,
            definition: definition.key,
            version: definition.version,
            ...(input.team ? { team: input.team } : {}),
            ...(input.customer ? { customer: input.customer.key } : {}),
          },
        }),
      });
    }

    if (resume?.ending) return finish(resume.ending.status, resume.ending.atStage);
    let running = resume?.running;
    while (running || remaining.length > 0) {
      if (!running) {
        const stageId = remaining.shift()!;
        const run = 1;
        const when = definition.compiled.stages.find((stage) => stage.id === stageId)?.when;
        if (when !== undefined && !stageConditionHolds(definition, when, variables)) {
          await activities.recordAudit(
            audit(`${stageId}:${run}:stage.skipped`, { action: 'stage.skipped', actor: SYSTEM_ACTOR, subject: stageId, detail: { when } }),
          );
          continue;
        }
        state.currentStage = stageId;
        await activities.recordProjectStatus({
          projectId,
          status: 'running',
          currentStage: stageId,
          finished: false,
          at: new Date().toISOString(),
          audit: audit(`${stageId}:${run}:stage.started`, {
            action: 'stage.started',
            actor: SYSTEM_ACTOR,
            subject: stageId,
            detail: { workflowId: stageWorkflowId(projectId, stageId, run), version: definition.version },
          }),
        });
        await startStage(stageId, run);
        running = { stageId, run };
      }
      const { stageId, run } = running;
      const childId = stageWorkflowId(projectId, stageId, run);
      await condition(() => finished.has(childId) || historyLong());
      let ended = finished.get(childId);
      if (!ended) return continueAsNewFrom({ running });
      finished.delete(childId);
      if (ended.failure) {
        // The stage's code failed: an admin retries it (reset to before the failure), skips it, or cancels the project.
        if ((await awaitStageIncident(stageId, ended)) === 'retry') continue;
        await closeAbandonedTasks(stageId, run, ended.workflowId);
        ended = { ...ended, outcome: 'skipped' };
      }
      running = undefined;
      Object.assign(steps, ended.steps);
      variables = ended.variables ?? variables;
      stages.push({ stageId, outcome: ended.outcome });
      state.completedStages.push(stageId);
      await activities.recordAudit(
        audit(`${stageId}:${run}:stage.completed`, { action: 'stage.completed', actor: SYSTEM_ACTOR, subject: stageId, detail: { outcome: ended.outcome } }),
      );
      if (ended.outcome === 'rejected') return finish('rejected', stageId);
      if (pendingMigration) await migrate(pendingMigration, stageId);
    }
    return finish('completed', null);
  }

  /** A failed stage becomes an incident of the project; it waits until an admin decides. */
  function awaitStageIncident(stageId: string, ended: StageFinished): Promise<'retry' | 'skip' | 'cancel'> {
    const failure = ended.failure!;
    return awaitIncidentResolution({
      kind: 'stage-failed',
      activity: null,
      stageId,
      stepId: failure.stepId,
      failedWorkflowId: ended.workflowId,
      errorType: failure.errorType,
      message: failure.message,
      attempts: 1,
      skippable: true,
    });
  }

  /** A skipped stage's tasks (its cadences' and action items' too) are nobody's to do any more. */
  async function closeAbandonedTasks(stageId: string, run: number, workflowId: string): Promise<void> {
    await activities.closeAbandonedTasks({
      projectId,
      workflowIdPrefix: workflowId,
      reason: `stage ${stageId} was skipped after it failed`,
      at: new Date().toISOString(),
      audit: audit(`${stageId}:${run}:stage.tasks-abandoned:${workflowInfo().runId}`, {
        action: 'task.cancelled',
        actor: SYSTEM_ACTOR,
        subject: stageId,
        reason: `stage ${stageId} was skipped after it failed`,
        detail: { workflowId },
      }),
    });
  }

  /** Cancels every stage still running, closes what they left open, and ends the project as cancelled. */
  async function endCancelled(request: CancelProjectInput): Promise<ProjectWorkflowResult> {
    const running = [...(state.currentStage ? [stageWorkflowId(projectId, state.currentStage, 1)] : []), ...subprocesses.keys()];
    for (const workflowId of running) {
      try {
        await getExternalWorkflowHandle(workflowId).cancel();
      } catch (error) {
        // The stage ended meanwhile: there is nothing left to cancel.
        if (!(error instanceof TemporalFailure)) throw error;
      }
    }
    subprocesses.clear();
    const atStage = state.currentStage ?? null;
    state.status = 'cancelled';
    state.currentStage = undefined;
    await activities.recordProjectCancelled({
      projectId,
      reason: request.reason,
      at: new Date().toISOString(),
      audit: audit('project.cancelled', {
        action: 'project.cancelled',
        actor: request.cancelledBy,
        requestId: request.requestId,
        reason: request.reason,
        subject: atStage ?? undefined,
        detail: { incident: request.incidentId ?? null, reason: request.reason, cancelledStages: running },
      }),
    });
    cancelRecorded = true;
    await condition(allHandlersFinished);
    return { status: 'cancelled', stages };
  }

  /** Continues as new with everything the next run needs; the stages started keep running and report to it. */
  async function continueAsNewFrom(where: Pick<ProjectResume, 'running' | 'ending'>): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof projectWorkflow>({
      ...input,
      resume: {
        definition,
        remaining,
        steps,
        variables,
        members,
        pendingMigration,
        completedStages: state.completedStages,
        stages,
        runs: Object.fromEntries(runs),
        subprocesses: [...subprocesses.values()],
        // A stage may have reported its end while this run waited for its handlers to finish.
        finished: [...finished.values()],
        ...where,
      },
    });
  }

  async function migrate(request: MigrateProjectInput, afterStage: string): Promise<void> {
    const from = definition.version;
    definition = request.target;
    variables = { ...variablesOf(definition), ...variables };
    const order = sequence(definition);
    remaining = stagesAfter(definition.compiled, afterStage).filter((id) => order.includes(id));
    pendingMigration = undefined;
    await activities.recordProjectMigrated({
      projectId,
      definitionVersion: definition.version,
      audit: audit(`migration:${request.requestId}:applied`, {
        action: 'project.migrated',
        actor: SYSTEM_ACTOR,
        requestId: request.requestId,
        subject: afterStage,
        detail: { from, to: definition.version, stagesToRun: remaining },
      }),
    });
  }

  function stageConditionHolds(pinned: PinnedDefinition, when: string, variables: ProcessVariables): boolean {
    const types = Object.fromEntries(Object.entries(pinned.compiled.variables).map(([name, variable]) => [name, variable.type]));
    return evaluateCondition(conditionEnvironment(types), when, { ...variables, steps, stage: {}, project: { id: projectId, name: input.name } });
  }

  async function finish(status: ProjectWorkflowResult['status'], atStage: string | null): Promise<ProjectWorkflowResult> {
    // Sub-processes started by events (a change being negotiated) finish before the project does,
    // including any started while waiting for the others.
    await condition(() => subprocesses.size === 0 || historyLong());
    if (subprocesses.size > 0) return continueAsNewFrom({ ending: { status, atStage } });
    state.status = status;
    state.currentStage = undefined;
    await condition(allHandlersFinished);
    await activities.recordProjectStatus({
      projectId,
      status,
      currentStage: atStage,
      finished: true,
      at: new Date().toISOString(),
      audit: audit(`project.${status}`, { action: `project.${status}`, actor: SYSTEM_ACTOR, subject: atStage ?? undefined, detail: {} }),
    });
    return { status, stages };
  }
}
