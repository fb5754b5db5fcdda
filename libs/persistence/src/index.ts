export * from './entities/project.entity';
export * from './entities/task.entity';
export * from './entities/audit-event.entity';
export * from './entities/definition-version.entity';
export * from './entities/definition-draft.entity';
export * from './data-source';
export * from './entities/notification.entity';
export * from './entities/project-member.entity';
