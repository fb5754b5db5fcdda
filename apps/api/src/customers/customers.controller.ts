import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CustomersService } from './customers.service';
import { CustomerParamsDto } from './dto/customer-params.dto';
import { CustomerRecordResponse } from './dto/customer-record.response';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers/:key')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @ApiOkResponse({ type: CustomerRecordResponse, description: 'The customer and their projects the caller may see (overseers: all), each with its KPIs, and those KPIs combined' })
  @ApiBadRequestResponse({ description: 'Not a customer key; details name it' })
  @ApiNotFoundResponse({ description: 'No such customer with a project the caller may see (unknown customers look the same)' })
  record(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto): Promise<CustomerRecordResponse> {
    return this.customers.record(user, params.key);
  }
}
