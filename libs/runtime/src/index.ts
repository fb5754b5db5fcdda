export * from './accord.config';
export * from './json-logger';
export * from './run-process';
export * from './tracing';
export * from './scrape-listener';
