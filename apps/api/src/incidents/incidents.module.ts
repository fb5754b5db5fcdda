import { Module } from '@nestjs/common';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** Incidents: what stopped part of a project, for admins to retry, skip or cancel (R-REL-2). */
@Module({ controllers: [IncidentsController], providers: [IncidentsService] })
export class IncidentsModule {}
