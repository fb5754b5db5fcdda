import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CustomerAnalyticsSettingsService } from './customer-analytics-settings.service';
import { CustomerAnalyticsSettingsDto, CustomerAnalyticsSettingsResponse } from './dto/customer-analytics-settings.dto';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('settings/customer-analytics')
export class CustomerAnalyticsSettingsController {
  constructor(private readonly settings: CustomerAnalyticsSettingsService) {}

  @Get()
  @ApiOkResponse({ type: CustomerAnalyticsSettingsResponse, description: 'The settings in force: classification thresholds, trend window, churn weights and threshold' })
  @ApiBadRequestResponse({ description: 'Never for this request; declared as for every operation' })
  @ApiForbiddenResponse({ description: 'Not an admin or auditor' })
  get(@CurrentUser() user: AuthUser): Promise<CustomerAnalyticsSettingsResponse> {
    return this.settings.get(user);
  }

  @Put()
  @ApiOkResponse({ type: CustomerAnalyticsSettingsResponse, description: 'The settings, given whole, now in force for every customer record and list' })
  @ApiBadRequestResponse({ description: 'A setting out of range or contradicting another; details name each by path' })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  put(@CurrentUser() user: AuthUser, @Body() dto: CustomerAnalyticsSettingsDto): Promise<CustomerAnalyticsSettingsResponse> {
    return this.settings.put(user, dto);
  }
}
