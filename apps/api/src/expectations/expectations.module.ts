import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ExpectationDocumentsController } from './expectation-documents.controller';
import { ExpectationDocumentsService } from './expectation-documents.service';
import { ProjectTrackingController } from './project-tracking.controller';
import { ProjectTrackingService } from './project-tracking.service';

/** Customer expectation management over HTTP: the document, the baselines and the tracking of delivery against them. */
@Module({ imports: [ProjectsModule], controllers: [ExpectationDocumentsController, ProjectTrackingController], providers: [ExpectationDocumentsService, ProjectTrackingService] })
export class ExpectationsModule {}
