import { type DynamicModule, Module } from '@nestjs/common';
import type { AccordConfig } from '@accord/runtime';
import { AuthModule } from './auth/auth.module';
import { CustomersModule } from './customers/customers.module';
import { DefinitionsModule } from './definitions/definitions.module';
import { ExpectationsModule } from './expectations/expectations.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProjectsModule } from './projects/projects.module';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  static forRoot(config: AccordConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forRoot(config), AuthModule, HealthModule, DefinitionsModule, ProjectsModule, TasksModule, ExpectationsModule, FeedbackModule, CustomersModule],
    };
  }
}
