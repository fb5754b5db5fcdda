import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { ProjectsModule } from '../projects/projects.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [DefinitionsModule, ProjectsModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
