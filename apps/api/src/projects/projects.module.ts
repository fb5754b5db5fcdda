import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { ProjectsController } from './projects.controller';
import { ProjectPositionController } from './project-position.controller';
import { ProjectPositionService } from './project-position.service';
import { ProjectAccessService } from './project-access.service';
import { ProjectListRepository } from './project-list.repository';
import { ProjectListService } from './project-list.service';
import { ProjectsService } from './projects.service';

@Module({
  imports: [DefinitionsModule],
  controllers: [ProjectsController, ProjectPositionController],
  providers: [ProjectsService, ProjectAccessService, ProjectListService, ProjectListRepository, ProjectPositionService],
  exports: [ProjectsService, ProjectAccessService],
})
export class ProjectsModule {}
