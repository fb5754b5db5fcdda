import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { TrackingModule } from '../tracking/tracking.module';
import { ExpectationDocumentsController } from './expectation-documents.controller';
import { ExpectationDocumentsService } from './expectation-documents.service';
import { TeamKpisController } from './team-kpis.controller';
import { TeamKpisService } from './team-kpis.service';

/** Customer expectation management over HTTP: the document, the baselines and the KPIs per team. */
@Module({
  imports: [ProjectsModule, TrackingModule],
  controllers: [ExpectationDocumentsController, TeamKpisController],
  providers: [ExpectationDocumentsService, TeamKpisService],
})
export class ExpectationsModule {}
