import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { ProjectsModule } from '../projects/projects.module';
import { InboxController } from './inbox.controller';
import { InboxEventsService } from './inbox-events.service';
import { InboxService } from './inbox.service';
import { TaskChangesListener } from './task-changes.listener';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [DefinitionsModule, ProjectsModule],
  controllers: [InboxController, TasksController],
  providers: [TasksService, InboxService, InboxEventsService, TaskChangesListener],
})
export class TasksModule {}
