import { patched } from '@temporalio/workflow';
import { WorkflowType } from '@accord/contracts';

/**
 * Patch id: cadences and action items run as workflow types of their own (issue 17). A stage
 * recorded before starts them as stage workflows, which still run them (see stageWorkflow).
 */
const OWN_WORKFLOW_TYPES = 'cadence-and-action-item-workflow-types';

/** The workflow type a stage starts a cadence or an action item as. */
export function childWorkflowType(kind: 'cadence' | 'actionItem'): string {
  return patched(OWN_WORKFLOW_TYPES) ? WorkflowType[kind] : WorkflowType.stage;
}
