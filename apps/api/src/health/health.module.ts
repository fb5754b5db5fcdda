import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { TemporalHealthProbe } from './temporal-health.probe';

@Module({ controllers: [HealthController], providers: [TemporalHealthProbe] })
export class HealthModule {}
