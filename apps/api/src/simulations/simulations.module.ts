import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { SimulationsController } from './simulations.controller';
import { SimulationsService } from './simulations.service';

@Module({ imports: [DefinitionsModule], controllers: [SimulationsController], providers: [SimulationsService] })
export class SimulationsModule {}
