import { Module } from '@nestjs/common';
import { SettingsLinksController } from './settings-links.controller';

@Module({ controllers: [SettingsLinksController] })
export class SettingsLinksModule {}
