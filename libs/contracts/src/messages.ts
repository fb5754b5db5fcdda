import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MetricBreach, PostedReadings, PostedReadingsResult } from './expectation';
import type {
  ChangeMembersInput,
  MigrateProjectInput,
  MigrateProjectResult,
  ProjectLiveState,
  ProjectMember,
  RaiseEventInput,
  RaiseEventResult,
  StageLiveState,
} from './project';
import type { ProcessVariables, StageFinished, StepResults } from './project';
import type { CompleteTaskInput, CompleteTaskResult, TaskActionInput, TaskActionResult } from './task';
import type { ChurnCrossing } from './customer-review-records';
import type { CancelProjectInput, ResolveIncidentInput, ResolveIncidentResult } from './incident';

/** Delivered to the stage workflow that owns the task; the update id is the client's request id. */
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');

export const projectStateQuery = defineQuery<ProjectLiveState>('projectState');
export const stageStateQuery = defineQuery<StageLiveState>('stageState');

/** Delivered to the project workflow; the update id is the client's request id. */
export const migrateProjectUpdate = defineUpdate<MigrateProjectResult, [MigrateProjectInput]>('migrateProject');

/** Claim, release, delegate or comment on a task, delivered to the stage workflow that owns it. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionInput]>('taskAction');

/** Changes the project's team; answers the members after the change. */
export const changeMembersUpdate = defineUpdate<ProjectMember[], [ChangeMembersInput]>('changeMembers');

/** Raises an event in a project; the running stage's handler for it starts a sub-process stage. */
export const raiseEventUpdate = defineUpdate<RaiseEventResult, [RaiseEventInput]>('raiseEvent');

/** A stage tells its project that a metric crossed one of the stage's handler thresholds; the project starts the handler's sub-process. */
export const metricBreachedSignal = defineSignal<[MetricBreach]>('metricBreached');

/**
 * A stage tells its project that what it recorded (a reading, the customer review) turned the
 * customer's churn warning on; the project starts the handler of `churn-warning`, if any.
 */
export const churnWarningSignal = defineSignal<[ChurnCrossing]>('churnWarning');

/** Posts measured readings to a project; it hands them to the running stage, whose metric handlers check them. */
export const postReadingsUpdate = defineUpdate<PostedReadingsResult, [PostedReadings]>('postReadings');

/** Readings handed to a stage: recorded, and a breach of one of its handlers starts that handler's sub-process. */
export const metricReadingsSignal = defineSignal<[PostedReadings]>('metricReadings');

/** Results of a sub-process that ended (a change's new baseline), for the stage still running: it goes on against them. */
export const stepResultsSignal = defineSignal<[StepResults]>('stepResults');

/** From a stage to its cadence workflows: variables that changed (a new phase) and results a cadence reads. */
export const stageContextSignal = defineSignal<[{ variables?: ProcessVariables; steps?: StepResults }]>('stageContext');

/** A stage workflow tells its project it ended, with its outcome, results and variables. */
export const stageFinishedSignal = defineSignal<[StageFinished]>('stageFinished');

/** Retries or skips what an open incident stopped, in the workflow that raised it (admins, through `POST /incidents/{id}/…`). */
export const resolveIncidentUpdate = defineUpdate<ResolveIncidentResult, [ResolveIncidentInput]>('resolveIncident');

/** Ends the project as `cancelled`: its running stages are cancelled and their open tasks closed. */
export const cancelProjectUpdate = defineUpdate<{ projectId: string; status: 'cancelled' }, [CancelProjectInput]>('cancelProject');
