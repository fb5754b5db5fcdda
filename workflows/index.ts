// The workflow bundle's entry: everything exported here is a workflow type the worker registers.
export { actionItemWorkflow } from './action-item.workflow';
export { cadenceWorkflow } from './cadence.workflow';
export { projectWorkflow } from './project.workflow';
export { stageWorkflow } from './stage.workflow';
