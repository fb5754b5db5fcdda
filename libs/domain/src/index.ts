export * from './iso-duration';
export * from './form-data-validation';
export * from './task-completion-check';
export * from './migration-check';
export * from './condition-expression';
export * from './business-calendar';
export * from './runnable-check';
