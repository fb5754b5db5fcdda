import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ParseVersionPipe } from '../input/version-number';
import { StepCountsResponse } from './step-counts.responses';
import { StepCountsService } from './step-counts.service';

@ApiTags('definitions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Needs the admin or auditor role' })
@Controller('definitions')
export class StepCountsController {
  constructor(private readonly stepCounts: StepCountsService) {}

  @Get(':key/versions/:version/step-counts')
  @Roles(['admin', 'auditor'])
  @ApiOkResponse({ type: StepCountsResponse, description: 'Per step, the running projects of this version with an open task there' })
  counts(@Param('key') key: string, @Param('version', ParseVersionPipe) version: number): Promise<StepCountsResponse> {
    return this.stepCounts.counts(key, version);
  }
}
