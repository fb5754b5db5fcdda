export * from './compiled-definition';
export * from './project';
export * from './task';
export * from './audit';
export * from './messages';
export * from './expectation';
export * from './timeline';
export * from './incident';
