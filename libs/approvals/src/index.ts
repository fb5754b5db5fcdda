export * from './approval-policy.machine';
export * from './approval-progress';
