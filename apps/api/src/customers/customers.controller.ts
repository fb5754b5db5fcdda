import { Body, Controller, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { wantsCsv } from '../expectations/wants-csv';
import { customerListCsv } from './customer-list-csv';
import { CustomerProfilesService } from './customer-profiles.service';
import { CustomersService } from './customers.service';
import { CustomerListQueryDto } from './dto/customer-list-query.dto';
import { CustomerListResponse } from './dto/customer-list.response';
import { CustomerParamsDto } from './dto/customer-params.dto';
import { CustomerProfileResponse, PutCustomerProfileDto } from './dto/customer-profile.dto';
import { CustomerRecordResponse } from './dto/customer-record.response';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly profiles: CustomerProfilesService,
  ) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CustomerListResponse, description: 'Customers with a project the caller may read in an internal role (overseers: all), classed and scored; CSV (every match, no paging) with ?format=csv or Accept: text/csv' })
  @ApiBadRequestResponse({ description: 'A bad filter, sort, limit or cursor; details name it' })
  async list(@CurrentUser() user: AuthUser, @Query() query: CustomerListQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response): Promise<CustomerListResponse | string> {
    if (!wantsCsv(query.format, accept)) return this.customers.list(user, query);
    const items = await this.customers.export(user, query);
    response.type('text/csv').attachment('customers.csv');
    return customerListCsv(items);
  }

  @Get(':key')
  @ApiOkResponse({ type: CustomerRecordResponse, description: 'The customer: profile, their projects the caller may see (overseers: all) with KPIs, requirement, feedback and survey history, and the analyses with what each was computed from' })
  @ApiBadRequestResponse({ description: 'Not a customer key; details name it' })
  @ApiNotFoundResponse({ description: 'No such customer with a project the caller may see (unknown customers look the same)' })
  record(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto): Promise<CustomerRecordResponse> {
    return this.customers.record(user, params.key);
  }

  @Get(':key/profile')
  @ApiOkResponse({ type: CustomerProfileResponse, description: 'Industry, size, region, contacts and contract value (empty until given)' })
  @ApiBadRequestResponse({ description: 'Not a customer key; details name it' })
  @ApiNotFoundResponse({ description: 'No such customer with a project the caller may see' })
  profile(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto): Promise<CustomerProfileResponse> {
    return this.profiles.get(user, params.key);
  }

  @Put(':key/profile')
  @ApiOkResponse({ type: CustomerProfileResponse, description: 'The profile as given: what is left out is cleared; a changed contract value is kept for the value trend' })
  @ApiBadRequestResponse({ description: 'Not a customer key, or a field out of shape; details name each by path (contacts.0.email)' })
  @ApiForbiddenResponse({ description: 'Neither admin nor a member of one of their projects in a role that starts it' })
  @ApiNotFoundResponse({ description: 'No such customer with a project the caller may see' })
  putProfile(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto, @Body() dto: PutCustomerProfileDto): Promise<CustomerProfileResponse> {
    return this.profiles.put(user, params.key, dto);
  }
}
