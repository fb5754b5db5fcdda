import { Module } from '@nestjs/common';
import { DefinitionRegistryService } from './definition-registry.service';
import { DefinitionsController } from './definitions.controller';
import { StepCountsController } from './step-counts.controller';
import { StepCountsService } from './step-counts.service';

@Module({
  controllers: [DefinitionsController, StepCountsController],
  providers: [DefinitionRegistryService, StepCountsService],
  exports: [DefinitionRegistryService],
})
export class DefinitionsModule {}
