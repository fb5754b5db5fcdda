import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyIndicators } from './dependency-indicators';
import { HealthController } from './health.controller';
import { TemporalHealthProbe } from './temporal-health.probe';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [TemporalHealthProbe, DependencyIndicators],
})
export class HealthModule {}
