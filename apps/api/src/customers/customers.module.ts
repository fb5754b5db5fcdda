import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { TrackingModule } from '../tracking/tracking.module';
import { CustomerAnalyticsSettingsController } from './customer-analytics-settings.controller';
import { CustomerAnalyticsSettingsService } from './customer-analytics-settings.service';
import { CustomerFactsRepository } from './customer-facts.repository';
import { CustomerImportService } from './customer-import.service';
import { CustomerProfilesService } from './customer-profiles.service';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

/** Customer records: who a customer is, the projects run for them, and the company's analyses of them (R-REV-7). */
@Module({
  imports: [ProjectsModule, TrackingModule],
  controllers: [CustomersController, CustomerAnalyticsSettingsController],
  providers: [CustomersService, CustomerProfilesService, CustomerImportService, CustomerFactsRepository, CustomerAnalyticsSettingsService],
})
export class CustomersModule {}
