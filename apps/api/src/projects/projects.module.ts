import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { ProjectsController } from './projects.controller';
import { ProjectAccessService } from './project-access.service';
import { ProjectListService } from './project-list.service';
import { ProjectsService } from './projects.service';

@Module({ imports: [DefinitionsModule], controllers: [ProjectsController], providers: [ProjectsService, ProjectAccessService, ProjectListService], exports: [ProjectsService, ProjectAccessService] })
export class ProjectsModule {}
