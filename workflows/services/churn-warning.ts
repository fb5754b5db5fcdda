import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { type ChurnCrossing, churnWarningSignal, projectWorkflowId } from '@accord/contracts';

/** The project starts retention for a churn warning that what this stage recorded turned on. */
export async function tellChurnWarning(projectId: string, crossing: ChurnCrossing): Promise<void> {
  await getExternalWorkflowHandle(projectWorkflowId(projectId)).signal(churnWarningSignal, crossing);
}
