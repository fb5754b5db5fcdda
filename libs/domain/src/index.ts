export * from './iso-duration';
export * from './form-data-validation';
export * from './task-completion-check';
export * from './migration-check';
