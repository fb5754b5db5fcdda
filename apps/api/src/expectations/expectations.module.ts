import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ExpectationDocumentsController } from './expectation-documents.controller';
import { ExpectationDocumentsService } from './expectation-documents.service';
import { ProjectTrackingController } from './project-tracking.controller';
import { ProjectTrackingService } from './project-tracking.service';
import { TeamKpisController } from './team-kpis.controller';
import { TeamKpisService } from './team-kpis.service';

/** Customer expectation management over HTTP: the document, the baselines, the tracking of delivery against them and the KPIs per project and team. */
@Module({
  imports: [ProjectsModule],
  controllers: [ExpectationDocumentsController, ProjectTrackingController, TeamKpisController],
  providers: [ExpectationDocumentsService, ProjectTrackingService, TeamKpisService],
  exports: [ProjectTrackingService],
})
export class ExpectationsModule {}
