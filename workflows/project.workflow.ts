import { CancellationScope, isCancellation, setHandler } from '@temporalio/workflow';
import {
  cancelProjectUpdate,
  changeMembersUpdate,
  churnWarningSignal,
  metricBreachedSignal,
  migrateProjectUpdate,
  postReadingsUpdate,
  projectStateQuery,
  type ProjectWorkflowInput,
  type ProjectWorkflowResult,
  raiseEventUpdate,
  stageFinishedSignal,
} from '@accord/contracts';
import { setIncidentScope } from './incidents';
import { endCancelled } from './project/cancellation';
import { runProject } from './project/project-course';
import { ProjectRun } from './project/project-run';

/**
 * Runs a project's stages in order, each as its own child workflow, on the definition
 * version it was pinned to; a migration accepted meanwhile takes effect at the next stage boundary.
 */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectWorkflowResult> {
  const project = new ProjectRun(input);
  // The handlers are set in this order, before the first await, so that messages buffered before the run
  // started reach them as they always did: a replayed history depends on it.
  setHandler(projectStateQuery, () => project.state);
  setHandler(changeMembersUpdate, (change) => project.changeMembers(change), { validator: (change) => project.validateMemberChange(change) });
  setHandler(migrateProjectUpdate, (request) => project.migrateProject(request), { validator: (request) => project.validateMigration(request) });
  setHandler(churnWarningSignal, (crossing) => project.raiseChurnWarning(crossing));
  setHandler(stageFinishedSignal, (reported) => project.stageFinished(reported));
  setHandler(raiseEventUpdate, (event) => project.raiseEvent(event), { validator: (event) => project.validateEvent(event) });
  setHandler(postReadingsUpdate, (posted) => project.postReadings(posted), { validator: (posted) => project.validateReadings(posted) });
  setHandler(metricBreachedSignal, (breach) => project.metricBreached(breach));

  /** The project's own course; a cancellation (cancelProject) cancels it wherever it waits. */
  const course = new CancellationScope();
  setIncidentScope({ stageId: null, currentStep: () => null, cancelled: () => project.cancellation !== undefined });
  setHandler(cancelProjectUpdate, (request) => project.cancelProject(request, course), { validator: (request) => project.validateCancellation(request) });

  try {
    return await course.run(() => runProject(project));
  } catch (error) {
    if (!project.cancellation || !isCancellation(error)) throw error;
    return await CancellationScope.nonCancellable(() => endCancelled(project, project.cancellation!));
  }
}
