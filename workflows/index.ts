// The workflow bundle's entry: everything exported here is a workflow type the worker registers.
export { projectWorkflow } from './project.workflow';
export { stageWorkflow } from './stage.workflow';
