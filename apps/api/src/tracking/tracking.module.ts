import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ProjectTrackingController } from './project-tracking.controller';
import { ProjectTrackingService } from './project-tracking.service';

/**
 * Tracking a project's delivery against its baseline over HTTP (R-EXP-6…8, R-EXP-10): progress,
 * metric readings, meetings and action items, change requests, deviation analyses, the timeline
 * and the project's KPI report. Exports the service for its KPI roll-up, which the team and
 * customer reports build on.
 */
@Module({
  imports: [ProjectsModule],
  controllers: [ProjectTrackingController],
  providers: [ProjectTrackingService],
  exports: [ProjectTrackingService],
})
export class TrackingModule {}
