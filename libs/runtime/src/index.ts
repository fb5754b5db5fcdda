export * from './accord.config';
export * from './json-logger';
