import { ApplicationFailure, type CancellationScope, condition, getExternalWorkflowHandle, TemporalFailure } from '@temporalio/workflow';
import {
  type AuditEntry,
  type CancelProjectInput,
  type ChangeMembersInput,
  type ChurnCrossing,
  ENGINE_SIGNALS,
  type MetricBreach,
  metricReadingsSignal,
  type MigrateProjectInput,
  type MigrateProjectResult,
  type OpenSubprocess,
  type PinnedDefinition,
  type PostedReadings,
  type PostedReadingsResult,
  type ProcessVariables,
  type ProjectLiveState,
  type ProjectMember,
  type ProjectResume,
  type ProjectWorkflowInput,
  type ProjectWorkflowResult,
  type RaiseEventInput,
  type RaiseEventResult,
  READINGS_REFUSAL,
  REFUSAL_PREFIX,
  type StageFinished,
  stageWorkflowId,
  type StepResults,
  SYSTEM_ACTOR,
} from '@accord/contracts';
import { handlersWhile, migrationProblems, signalHandlerWhile } from '@accord/domain';
import { activities } from '../activities.proxy';
import { sequenceOf, variablesOf } from './pinned-definition';
import { raiseChurnWarning } from './churn-warning';
import { awaitStageIncident, closeAbandonedTasks } from './stage-failure';
import { startSubprocess, tellRunningStage } from './subprocesses';

const sameMember = (a: ProjectMember) => (b: ProjectMember) => a.user === b.user && a.role === b.role;

/**
 * One run of a project workflow: what it knows (carried over from the run before when it
 * continued as new) and the handlers of the messages it answers, whose validators refuse
 * what the project cannot do now. The course of its stages is runProject's.
 */
export class ProjectRun {
  readonly projectId: string;
  readonly resume: ProjectResume | undefined;
  definition: PinnedDefinition;
  remaining: string[];
  readonly steps: StepResults;
  pendingMigration: MigrateProjectInput | undefined;
  readonly state: ProjectLiveState;
  members: ProjectMember[];
  variables: ProcessVariables;
  readonly stages: ProjectWorkflowResult['stages'];
  /** Stages that told the project they ended, by workflow id, until the project takes their result. */
  readonly finished: Map<string, StageFinished>;
  /** On-demand stages started by events, each its own workflow, awaited before the project ends. */
  readonly subprocesses: Map<string, OpenSubprocess>;
  readonly runs: Map<string, number>;
  cancellation: CancelProjectInput | undefined;
  cancelRecorded = false;
  /**
   * The stage whose workflow is known to run: started by this run, or running when the run
   * before continued as new. The current stage is made current (and recorded) a moment before.
   */
  stageRunning: string | undefined;

  constructor(readonly input: ProjectWorkflowInput) {
    const { projectId, resume } = input;
    this.projectId = projectId;
    this.resume = resume;
    this.definition = resume?.definition ?? input.definition;
    this.remaining = resume?.remaining ?? sequenceOf(this.definition);
    this.steps = { ...resume?.steps };
    this.pendingMigration = resume?.pendingMigration;
    this.state = {
      projectId,
      status: 'running',
      completedStages: [...(resume?.completedStages ?? [])],
      currentStage: resume?.running?.stageId,
    };
    this.members = [...(resume?.members ?? input.members ?? [])];
    this.variables = resume?.variables ?? variablesOf(this.definition, input.variables);
    this.stages = [...(resume?.stages ?? [])];
    this.finished = new Map<string, StageFinished>((resume?.finished ?? []).map((ended) => [ended.workflowId, ended]));
    this.subprocesses = new Map<string, OpenSubprocess>((resume?.subprocesses ?? []).map((open) => [open.workflowId, open]));
    this.runs = new Map<string, number>(Object.entries(resume?.runs ?? {}));
    this.stageRunning = resume?.running?.stageId;
  }

  audit(id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>): AuditEntry {
    return { id: `${this.projectId}:${id}`, projectId: this.projectId, at: new Date().toISOString(), ...fields };
  }

  currentHandlers() {
    return handlersWhile(this.definition.compiled, this.state.currentStage ?? null);
  }

  handlerFor(signal: string) {
    return signalHandlerWhile(this.definition.compiled, this.state.currentStage ?? null, signal);
  }

  async changeMembers(change: ChangeMembersInput): Promise<ProjectMember[]> {
    const members = this.members;
    this.members = [
      ...members.filter((member) => !change.remove.some(sameMember(member))),
      ...change.add.filter((member) => !members.some(sameMember(member))),
    ];
    await activities.recordMembersChanged({
      projectId: this.projectId,
      add: change.add,
      remove: change.remove,
      by: change.changedBy,
      at: new Date().toISOString(),
      audit: this.audit(`members:${change.requestId}`, {
        action: 'project.members-changed',
        actor: change.changedBy,
        requestId: change.requestId,
        detail: { add: change.add, remove: change.remove },
      }),
    });
    return this.members;
  }

  validateMemberChange(change: ChangeMembersInput): void {
    const roles = this.definition.compiled.roles;
    const unknown = [...change.add, ...change.remove].filter((member) => !(member.role in roles));
    if (unknown.length > 0)
      throw ApplicationFailure.nonRetryable(
        `${REFUSAL_PREFIX}${JSON.stringify(unknown.map((member) => `role ${member.role} is not a role of ${this.definition.key}`))}`,
      );
  }

  async migrateProject(request: MigrateProjectInput): Promise<MigrateProjectResult> {
    this.pendingMigration = request;
    const result = {
      projectId: this.projectId,
      from: { key: this.definition.key, version: this.definition.version },
      to: { key: request.target.key, version: request.target.version },
      effectiveAfterStage: this.state.currentStage!,
    };
    await activities.recordAudit(
      this.audit(`migration:${request.requestId}:accepted`, {
        action: 'project.migration-accepted',
        actor: request.requestedBy,
        requestId: request.requestId,
        reason: request.reason,
        subject: this.state.currentStage,
        detail: { from: result.from, to: result.to, effectiveAfterStage: result.effectiveAfterStage },
      }),
    );
    return result;
  }

  validateMigration(request: MigrateProjectInput): void {
    const { state } = this;
    const finished = state.status !== 'running';
    const problems =
      state.currentStage || finished
        ? migrationProblems({ current: this.definition, currentStage: state.currentStage, remainingStages: this.remaining, finished }, request.target)
        : ['the project is still starting: try again in a moment'];
    if (problems.length > 0) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify(problems));
  }

  /** The customer's churn warning turned on with something this project recorded: see churn-warning.ts. */
  raiseChurnWarning(crossing: ChurnCrossing): Promise<void> {
    return raiseChurnWarning(this, crossing);
  }

  async stageFinished(reported: StageFinished): Promise<void> {
    let ended = reported;
    const subprocess = this.subprocesses.get(ended.workflowId);
    if (!subprocess) {
      this.finished.set(ended.workflowId, ended);
      return;
    }
    if (ended.failure) {
      const action = await awaitStageIncident(subprocess.stageId, ended);
      // Retried: the reset stage reports again. Cancelled: the project's end closes the event.
      if (action !== 'skip') return;
      await closeAbandonedTasks(this, subprocess.stageId, subprocess.run, ended.workflowId);
      ended = { ...ended, outcome: 'skipped' };
    }
    // What the sub-process decided (a new baseline) holds for the rest of the project, and for the stage running now.
    Object.assign(this.steps, ended.steps);
    if (this.state.currentStage && Object.keys(ended.steps).length > 0) await tellRunningStage(this, ended.steps);
    await activities.closeProjectEvent({
      id: subprocess.eventId,
      at: new Date().toISOString(),
      outcome: ended.outcome,
      audit: this.audit(`${subprocess.stageId}:${subprocess.run}:stage.completed`, {
        action: 'stage.completed',
        actor: SYSTEM_ACTOR,
        subject: subprocess.stageId,
        detail: { outcome: ended.outcome, startedBy: subprocess.startedBy },
      }),
    });
    this.subprocesses.delete(ended.workflowId);
  }

  async raiseEvent(event: RaiseEventInput): Promise<RaiseEventResult> {
    return {
      started: await startSubprocess(this, {
        kind: 'signal',
        name: event.signal,
        data: event.data,
        raisedBy: event.raisedBy,
        requestId: event.requestId,
        start: this.handlerFor(event.signal)!.start,
      }),
    };
  }

  validateEvent(event: RaiseEventInput): void {
    const { state } = this;
    if (ENGINE_SIGNALS.includes(event.signal) && event.raisedBy !== SYSTEM_ACTOR) {
      throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([`"${event.signal}" is raised by the engine itself`]));
    }
    if (state.status !== 'running' || !this.handlerFor(event.signal)) {
      throw ApplicationFailure.nonRetryable(
        REFUSAL_PREFIX + JSON.stringify([`no running stage handles "${event.signal}"${state.currentStage ? ` (stage ${state.currentStage} is running)` : ''}`]),
      );
    }
  }

  // The running stage owns the metric handlers, so readings go there.
  async postReadings(posted: PostedReadings): Promise<PostedReadingsResult> {
    const stage = this.state.currentStage!;
    // The stage is current a moment before its workflow exists (its start is recorded first),
    // and stays current a moment after it ended: a signal then finds no workflow, and the
    // caller is told it came between two stages, to post again in a moment.
    try {
      await getExternalWorkflowHandle(stageWorkflowId(this.projectId, stage, 1)).signal(metricReadingsSignal, posted);
    } catch (error) {
      if (!(error instanceof TemporalFailure)) throw error;
      throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([READINGS_REFUSAL.betweenStages]));
    }
    return { stage, readings: posted.readings.length };
  }

  validateReadings(posted: PostedReadings): void {
    const { state } = this;
    if (posted.readings.length === 0) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([READINGS_REFUSAL.empty]));
    if (state.status !== 'running' || !state.currentStage) {
      throw ApplicationFailure.nonRetryable(
        REFUSAL_PREFIX + JSON.stringify([state.status === 'running' ? READINGS_REFUSAL.betweenStages : READINGS_REFUSAL.ended]),
      );
    }
    // Refused here rather than by the handler's signal failing: a handler's failure is recorded as the
    // update's outcome, and Temporal answers every retry under the same request id with it, so a
    // caller told to post again in a moment would be told so for good. A validator's refusal is not kept.
    if (this.stageRunning !== state.currentStage || this.finished.has(stageWorkflowId(this.projectId, state.currentStage, 1))) {
      throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([READINGS_REFUSAL.betweenStages]));
    }
  }

  async metricBreached(breach: MetricBreach): Promise<void> {
    // A stage that ended between its reading and this signal has no handler left to answer it.
    const handled = this.currentHandlers().some((handler) => 'metric' in handler && handler.metric === breach.metric && handler.start === breach.start);
    if (this.state.status !== 'running' || !handled) return;
    await startSubprocess(this, {
      kind: 'metric-breach',
      name: breach.metric,
      data: { value: breach.value, threshold: breach.threshold },
      raisedBy: SYSTEM_ACTOR,
      requestId: `breach:${breach.metric}:${breach.at}`,
      start: breach.start,
    });
  }

  /** Cancels the project's course wherever it waits, and answers once the cancellation is recorded. */
  async cancelProject(request: CancelProjectInput, course: CancellationScope): Promise<{ projectId: string; status: 'cancelled' }> {
    this.cancellation = request;
    course.cancel();
    await condition(() => this.cancelRecorded);
    return { projectId: this.projectId, status: 'cancelled' as const };
  }

  validateCancellation(_request: CancelProjectInput): void {
    if (this.state.status !== 'running' || this.cancellation) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify(['the project has ended']));
  }
}
