export * from './read-model.activities';
export * from './expectation.activities';
export * from './incident.activities';
export * from './failure-classification';
export { assessCustomer } from './churn-watch';
