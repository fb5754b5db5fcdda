import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { wantsCsv } from '../csv/wants-csv';
import { KeysetPageDto } from '../input/keyset-page.dto';
import { CUSTOMER_IMPORT_LIMIT, CUSTOMER_IMPORT_MEDIA_TYPE, CustomerImportService } from './customer-import.service';
import { customerListCsv } from './customer-list-csv';
import { CustomerProfilesService } from './customer-profiles.service';
import { CustomersService } from './customers.service';
import { CustomerImportQueryDto, CustomerImportResponse } from './dto/customer-import.dto';
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
    private readonly imports: CustomerImportService,
  ) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: CustomerListResponse,
    description:
      'Customers with a project the caller may read in an internal role (overseers: all, those imported without a project too), classed and scored; CSV (every match, no paging) with ?format=csv or Accept: text/csv',
  })
  @ApiBadRequestResponse({ description: 'A bad filter, sort, limit or cursor; details name it' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: CustomerListQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CustomerListResponse | string> {
    if (!wantsCsv(query.format, accept)) return this.customers.list(user, query);
    const items = await this.customers.export(user, query);
    response.type('text/csv').attachment('customers.csv');
    return customerListCsv(items);
  }

  @Post('import')
  @Roles(['admin'])
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(CUSTOMER_IMPORT_MEDIA_TYPE)
  @ApiBody({
    description: `Customers and their contacts, one row per contact (docs/customer-record.md, "Importing customers"): UTF-8, RFC 4180, at most ${CUSTOMER_IMPORT_LIMIT}`,
    schema: {
      type: 'string',
      example:
        'key,name,industry,size,region,annualContractValue,contactName,contactRole,contactEmail,contactPhone\r\nacme,ACME Manufacturing,manufacturing,large,emea,120000,Carla Jones,Head of IT,carla@acme.example,+49 30 1234567\r\n',
    },
  })
  @ApiOkResponse({
    type: CustomerImportResponse,
    description: 'Imported, all of it in one transaction (with ?dryRun=true: nothing written); each customer created, updated or unchanged',
  })
  @ApiBadRequestResponse({ description: 'dryRun is neither true nor false' })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than ${CUSTOMER_IMPORT_LIMIT}` })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv, or in a charset the API does not read' })
  @ApiUnprocessableEntityResponse({
    description: 'CUSTOMER_IMPORT_INVALID: nothing was imported; details name every problem by line and column (`line 4, contactEmail`)',
  })
  importCustomers(
    @CurrentUser() user: AuthUser,
    @Query() query: CustomerImportQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() csv: unknown,
  ): Promise<CustomerImportResponse> {
    return this.imports.import(user, contentType, csv, query.dryRun === 'true');
  }

  @Get(':key')
  @ApiOkResponse({
    type: CustomerRecordResponse,
    description:
      'The customer: profile, one page of their projects the caller may see (overseers: all) with KPIs, and over all of those the combined KPIs, requirement, feedback and survey history, and the analyses with what each was computed from',
  })
  @ApiBadRequestResponse({ description: 'Not a customer key, a bad limit or cursor; details name it' })
  @ApiNotFoundResponse({
    description: 'No such customer with a project the caller may see, and for admins and auditors no such customer at all (unknown customers look the same)',
  })
  @ApiServiceUnavailableResponse({
    description:
      'PostgreSQL or Temporal does not answer, or ROLLUP_TIMEOUT: a query ran past ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS and was cancelled; try again later',
  })
  record(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto, @Query() page: KeysetPageDto): Promise<CustomerRecordResponse> {
    return this.customers.record(user, params.key, page);
  }

  @Get(':key/profile')
  @ApiOkResponse({ type: CustomerProfileResponse, description: 'Industry, size, region, contacts and contract value (empty until given)' })
  @ApiBadRequestResponse({ description: 'Not a customer key; details name it' })
  @ApiNotFoundResponse({ description: 'No such customer with a project the caller may see' })
  profile(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto): Promise<CustomerProfileResponse> {
    return this.profiles.get(user, params.key);
  }

  @Put(':key/profile')
  @ApiOkResponse({
    type: CustomerProfileResponse,
    description: 'The profile as given: what is left out is cleared; a changed contract value is kept for the value trend',
  })
  @ApiBadRequestResponse({ description: 'Not a customer key, or a field out of shape; details name each by path (contacts.0.email)' })
  @ApiForbiddenResponse({ description: 'Neither admin nor a member of one of their projects in a role that starts it' })
  @ApiNotFoundResponse({ description: 'No such customer with a project the caller may see' })
  putProfile(@CurrentUser() user: AuthUser, @Param() params: CustomerParamsDto, @Body() dto: PutCustomerProfileDto): Promise<CustomerProfileResponse> {
    return this.profiles.put(user, params.key, dto);
  }
}
