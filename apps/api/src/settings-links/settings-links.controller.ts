import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccordConfig } from '@accord/runtime';
import { Roles } from '../auth/roles.decorator';
import { SettingsLinksResponse } from './dto/settings-links.response';

/** Operations pages link projects to their workflows: only those who operate Accord need the addresses. */
const OPERATORS = ['admin', 'auditor'];

@ApiTags('operations')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Needs the admin or auditor role' })
@Controller('settings/links')
export class SettingsLinksController {
  constructor(private readonly config: AccordConfig) {}

  @Get()
  @Roles(OPERATORS)
  @ApiOkResponse({ type: SettingsLinksResponse, description: 'The addresses of the tools beside Accord, as configured' })
  links(): SettingsLinksResponse {
    const url = this.config.ACCORD_TEMPORAL_UI_URL;
    return { temporalUi: url ? { url: url.replace(/\/+$/, ''), namespace: this.config.TEMPORAL_NAMESPACE } : null };
  }
}
