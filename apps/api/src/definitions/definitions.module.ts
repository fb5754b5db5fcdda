import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DefinitionVersionsRepository } from '@accord/persistence';
import { DefinitionRegistryService } from './definition-registry.service';
import { DefinitionsController } from './definitions.controller';
import { StepCountsController } from './step-counts.controller';
import { StepCountsService } from './step-counts.service';

@Module({
  controllers: [DefinitionsController, StepCountsController],
  providers: [
    DefinitionRegistryService,
    StepCountsService,
    // One per process: it holds the cache of published versions, which every reader shares.
    { provide: DefinitionVersionsRepository, useFactory: (dataSource: DataSource) => new DefinitionVersionsRepository(dataSource), inject: [DataSource] },
  ],
  exports: [DefinitionRegistryService],
})
export class DefinitionsModule {}
