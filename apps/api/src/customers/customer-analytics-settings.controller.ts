import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthUser, OVERSEER_ROLES } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { CustomerAnalyticsSettingsService } from './customer-analytics-settings.service';
import { CustomerAnalyticsSettingsDto, CustomerAnalyticsSettingsResponse } from './dto/customer-analytics-settings.dto';

@ApiTags('customers')
@ApiBearerAuth()
// The roles are checked by the guard, which runs before the body's validation pipe: someone who may
// not change the settings is told so (403), never what is wrong with a body they may not send (400).
@Controller('settings/customer-analytics')
export class CustomerAnalyticsSettingsController {
  constructor(private readonly settings: CustomerAnalyticsSettingsService) {}

  @Get()
  @Roles([...OVERSEER_ROLES])
  @ApiOkResponse({
    type: CustomerAnalyticsSettingsResponse,
    description: 'The settings in force: classification thresholds, trend window, churn weights and threshold',
  })
  @ApiBadRequestResponse({ description: 'Never for this request; declared as for every operation' })
  @ApiForbiddenResponse({ description: 'Not an admin or auditor' })
  get(): Promise<CustomerAnalyticsSettingsResponse> {
    return this.settings.get();
  }

  @Put()
  @Roles(['admin'])
  @ApiOkResponse({ type: CustomerAnalyticsSettingsResponse, description: 'The settings, given whole, now in force for every customer record and list' })
  @ApiBadRequestResponse({ description: 'A setting out of range or contradicting another; details name each by path' })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  put(@CurrentUser() user: AuthUser, @Body() dto: CustomerAnalyticsSettingsDto): Promise<CustomerAnalyticsSettingsResponse> {
    return this.settings.put(user, dto);
  }
}
