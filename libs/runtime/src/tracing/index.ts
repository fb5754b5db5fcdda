export * from './accord-tracing';
export * from './start-tracing';
export * from './trace-log-fields';
export * from './workflow-span-processor';
