export * from './read-model.activities';
