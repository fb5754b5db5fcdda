export * from './definition-error';
export * from './definition-source.parser';
export * from './definition.validator';
export * from './definition.compiler';
export * from './canonical-json';
export * from './definition.diff';
export * from './definition-files';
