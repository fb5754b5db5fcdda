import type { Assignee, CompiledDefinition } from './compiled-definition';

export type ProjectStatus = 'running' | 'completed' | 'rejected' | 'failed' | 'cancelled';
/** How a stage ended; `skipped` when an admin skipped it after it failed (an incident). */
export type StageOutcome = 'completed' | 'rejected' | 'skipped';

/** The definition version a project is pinned to for its whole life. */
export interface PinnedDefinition {
  key: string;
  version: number;
  compiled: CompiledDefinition;
}

/** Process data conditions read: the definition's variables (defaults, overridden at start). */
export type ProcessVariables = Record<string, string | number | boolean>;

/** What a completed step leaves for later conditions: `steps.<id>.outcome`, `steps.<id>.data`. */
export type StepResults = Record<string, { outcome: string; data: Record<string, unknown>; by: string }>;

/** A user working on a project in one of the definition's roles. */
export interface ProjectMember {
  user: string;
  role: string;
}

/** What a team or customer key looks like: it names them in URLs (`/teams/erp-east/kpi-report`, `/customers/acme`). */
export const RECORD_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The customer a project is for: the key names their record, the name is shown (the key when none was given). */
export interface CustomerRef {
  key: string;
  name: string;
}

export interface ProjectWorkflowInput {
  projectId: string;
  name: string;
  definition: PinnedDefinition;
  /** The team at start, the starter included (absent in projects started before teams existed). */
  members?: ProjectMember[];
  variables?: ProcessVariables;
  /** The team that delivers the project, whose KPIs it counts towards. */
  team?: string;
  /** The customer it is for, whose record lists it. */
  customer?: CustomerRef;
  startedBy: string;
  /** Request id of the POST that started the project: the audit's idempotency key. */
  requestId: string;
  /** The run continues as new once its history reaches this many events (default 5,000). */
  continueAsNewAfter?: number;
  /** History events a stage may reach before it stops with an incident (ACCORD_STAGE_HISTORY_BUDGET). */
  stageEventBudget?: number;
  /** Where the run before this one left off, when the project continued as new. */
  resume?: ProjectResume;
}

/** What a project run hands the next when it continues as new (R-ENG-3): its stages keep running meanwhile. */
export interface ProjectResume {
  definition: PinnedDefinition;
  remaining: string[];
  steps: StepResults;
  variables: ProcessVariables;
  members: ProjectMember[];
  pendingMigration?: MigrateProjectInput;
  completedStages: string[];
  stages: { stageId: string; outcome: StageOutcome }[];
  /** Runs so far per on-demand stage, so a new sub-process gets the next number. */
  runs: Record<string, number>;
  /** The stage of the sequence running now. */
  running?: { stageId: string; run: number };
  /** Sub-processes still running: closed when their stage reports its end. */
  subprocesses: OpenSubprocess[];
  /**
   * Stages that reported their end to the run that continued as new before it took their result:
   * a report that arrives while the run hands over must not be lost with it.
   */
  finished?: StageFinished[];
  /** Set once the sequence is over and the project waits for its sub-processes to end. */
  ending?: { status: ProjectWorkflowResult['status']; atStage: string | null };
}

export interface OpenSubprocess {
  workflowId: string;
  eventId: string;
  stageId: string;
  run: number;
  /** The event that started it. */
  startedBy: string;
}

/** A stage tells its project it ended (the project may have continued as new since it started the stage). */
export interface StageFinished extends StageWorkflowResult {
  workflowId: string;
  /** Present when the stage's workflow code failed: the project raises a `stage-failed` incident instead of going on. */
  failure?: { stepId: string | null; errorType: string; message: string };
}

export interface ProjectWorkflowResult {
  status: Extract<ProjectStatus, 'completed' | 'rejected' | 'cancelled'>;
  stages: { stageId: string; outcome: StageOutcome }[];
}

export interface StageWorkflowInput {
  projectId: string;
  stageId: string;
  /** 1 for the first run of this stage in the project, 2 for a re-run… */
  run: number;
  definition: PinnedDefinition;
  variables: ProcessVariables;
  /** Results of earlier stages' steps. */
  steps: StepResults;
  /** Set when this workflow repeats one cadence of the stage on its own (see CadenceRun). */
  cadence?: CadenceRun;
  /** Set when this workflow follows one action item of a meeting to closure (see ActionItemRun). */
  actionItem?: ActionItemRun;
  /** History events this stage may reach before it stops with an incident; the engine's default when absent. */
  eventBudget?: number;
}

/**
 * An action item of a meeting's minutes, followed to closure as a task of its owner in a
 * workflow of its own, so that neither the meeting's stage nor its cadence waits for it.
 */
export interface ActionItemRun {
  /** The meeting step and occurrence it came from, and its place in the minutes (from 1). */
  meetingStepId: string;
  iteration: number;
  index: number;
  item: string;
  /** The user who owes it. */
  owner: string;
  /** YYYY-MM-DD: it is due at the end of that working day. */
  due: string;
  /** Told when it is two days late. */
  organizer: Assignee;
}

/**
 * A cadence of a stage run as its own child workflow, which continues as new between
 * occurrences once its history grows long, so that a stage tracking for years keeps every
 * run's history short (R-ENG-3). What one run hands the next:
 */
export interface CadenceRun {
  stepId: string;
  /** The stage workflow that started it: the results of its meetings and tasks go back there. */
  stageWorkflowId: string;
  /** The number of the next occurrence: task ids go on from it. */
  occurrence: number;
  /** When the first occurrence began: `every` counts from it, so the schedule never drifts. */
  startedAt?: string;
  /** Deadlines already confirmed (`beforeDeadlines`). */
  confirmed: string[];
  /** The progress table last measured by a `compute-metrics` occurrence, so an unchanged one is not read again. */
  lastProgress?: string;
}

export interface StageWorkflowResult {
  stageId: string;
  outcome: StageOutcome;
  steps: StepResults;
  /** The variables as the stage left them (a set-variables service may change them). */
  variables?: ProcessVariables;
}

/** Live state answered by the project workflow's query. */
export interface ProjectLiveState {
  projectId: string;
  status: ProjectStatus;
  currentStage?: string;
  completedStages: string[];
}

/** Live state answered by a stage workflow's query. */
export interface StageLiveState {
  stageId: string;
  currentStep?: string;
  openTaskIds: string[];
}

export const projectWorkflowId = (projectId: string): string => `project/${projectId}`;
export const stageWorkflowId = (projectId: string, stageId: string, run: number): string => `project/${projectId}/stage/${stageId}/${run}`;
/** The id of an event raised in a project (`project_events`): one per request, so a retry raises nothing twice. */
export const projectEventId = (projectId: string, requestId: string): string => `${projectId}:event:${requestId}`;
/** The id of a reading posted to a project (`metric_readings`): one per request and metric. */
export const postedReadingId = (projectId: string, requestId: string, metric: string): string => `${projectId}:reading:${requestId}:${metric}`;

/** Workflow type names, as the worker registers them (the exported function names). */
export const WorkflowType = {
  project: 'projectWorkflow',
  stage: 'stageWorkflow',
  /** One cadence of a stage, repeating its meetings or reports (a stage started it; see CadenceRun). */
  cadence: 'cadenceWorkflow',
  /** One action item of a meeting's minutes, followed to closure (see ActionItemRun). */
  actionItem: 'actionItemWorkflow',
} as const;

/** Memo set on a project workflow at start, readable without a worker. */
export interface ProjectMemo {
  name: string;
  definitionKey: string;
  definitionVersion: number;
  team?: string;
  customer?: string;
  startedBy: string;
  startedAt: string;
}

/** Moves a running project to another version of its definition, from its next stage boundary. */
export interface MigrateProjectInput {
  target: PinnedDefinition;
  requestedBy: string;
  requestId: string;
  reason?: string;
}

export interface MigrateProjectResult {
  projectId: string;
  from: { key: string; version: number };
  to: { key: string; version: number };
  /** The stage that finishes on the old version; the stages after it run on the new one. */
  effectiveAfterStage: string;
}

/** Prefix of an update validator's message that lists every reason the update is refused (JSON array). */
export const REFUSAL_PREFIX = 'accord-refused:';

/** Adds and removes project members; delivered to the project workflow, the project's one writer. */
export interface ChangeMembersInput {
  add: ProjectMember[];
  remove: ProjectMember[];
  changedBy: string;
  requestId: string;
}

/** Something that happened during a stage (a change request, a complaint) that a stage handler answers by starting a sub-process. */
export interface RaiseEventInput {
  signal: string;
  raisedBy: string;
  data: Record<string, unknown>;
  requestId: string;
}

export interface RaiseEventResult {
  /** The on-demand stage the event started, as its own workflow. */
  started: { stageId: string; run: number; workflowId: string };
}
