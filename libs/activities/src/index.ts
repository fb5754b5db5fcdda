export * from './read-model.activities';
export * from './expectation.activities';
