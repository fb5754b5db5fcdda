import { Module } from '@nestjs/common';
import { ExpectationsModule } from '../expectations/expectations.module';
import { ProjectsModule } from '../projects/projects.module';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

/** Customer records: who a customer is and the projects run for them. */
@Module({ imports: [ProjectsModule, ExpectationsModule], controllers: [CustomersController], providers: [CustomersService] })
export class CustomersModule {}
