import { Module } from '@nestjs/common';
import { TrackingModule } from '../tracking/tracking.module';
import { TeamKpisController } from './team-kpis.controller';
import { TeamKpisService } from './team-kpis.service';

/** KPIs per team over HTTP (R-EXP-10): the KPI reports of a team's projects rolled up, as JSON or CSV. */
@Module({
  imports: [TrackingModule],
  controllers: [TeamKpisController],
  providers: [TeamKpisService],
})
export class TeamKpisModule {}
