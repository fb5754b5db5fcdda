import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { AccordConfig } from '@accord/runtime';
import { AuthModule } from './auth/auth.module';
import { CustomersModule } from './customers/customers.module';
import { DefinitionsModule } from './definitions/definitions.module';
import { ExpectationsModule } from './expectations/expectations.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IncidentsModule } from './incidents/incidents.module';
import { MetricsModule } from './metrics/metrics.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { StorableInputMiddleware } from './input/storable-input.middleware';
import { NotificationsModule } from './notifications/notifications.module';
import { ProjectsModule } from './projects/projects.module';
import { SettingsLinksModule } from './settings-links/settings-links.module';
import { SimulationsModule } from './simulations/simulations.module';
import { TasksModule } from './tasks/tasks.module';
import { TeamKpisModule } from './team-kpis/team-kpis.module';
import { TrackingModule } from './tracking/tracking.module';
import { WebAppModule } from './web-app/web-app.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every route, before its guards: text PostgreSQL cannot store never reaches a service or a workflow.
    consumer.apply(StorableInputMiddleware).forRoutes('{*path}');
  }

  static forRoot(config: AccordConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        AuthModule,
        HealthModule,
        MetricsModule,
        DefinitionsModule,
        ProjectsModule,
        TasksModule,
        ExpectationsModule,
        TrackingModule,
        TeamKpisModule,
        FeedbackModule,
        CustomersModule,
        IncidentsModule,
        NotificationsModule,
        WebhooksModule,
        SettingsLinksModule,
        IdempotencyModule,
        SimulationsModule,
        WebAppModule,
      ],
    };
  }
}
