export * from './actors-script';
export * from './scripted-participants';
export * from './project-autopilot';
export * from './time-skipping-services';
export * from './simulation-input';
