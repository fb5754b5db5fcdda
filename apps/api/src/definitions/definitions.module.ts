import { Module } from '@nestjs/common';
import { DefinitionRegistryService } from './definition-registry.service';
import { DefinitionsController } from './definitions.controller';

@Module({ controllers: [DefinitionsController], providers: [DefinitionRegistryService], exports: [DefinitionRegistryService] })
export class DefinitionsModule {}
