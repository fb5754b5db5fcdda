import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ExpectationDocumentsController } from './expectation-documents.controller';
import { ExpectationDocumentsService } from './expectation-documents.service';

/** The customer's expectations over HTTP: the expectation document in its versions, the expectations it records, the goal baselines and the goals in force. */
@Module({
  imports: [ProjectsModule],
  controllers: [ExpectationDocumentsController],
  providers: [ExpectationDocumentsService],
})
export class ExpectationsModule {}
