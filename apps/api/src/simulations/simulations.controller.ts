import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ErrorCode, SimulationException } from '../errors/accord.exception';
import { SimulateDefinitionDto } from './dto/simulate-definition.dto';
import { ActorsScriptResponse, SimulationJobResponse } from './dto/simulation-job.responses';
import { SimulationsService } from './simulations.service';

const ADMIN = ['admin'];

/** Try a definition before publishing it: its simulation runs on the server as a job. */
@ApiTags('simulations')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Simulations are for admins' })
@Controller()
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Post('definitions/:key/simulations')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(ADMIN)
  @ApiAcceptedResponse({
    type: SimulationJobResponse,
    description: 'Queued: poll GET /simulations/{id} for its progress and, once it succeeded, its timeline and KPIs',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The draft or its actors script cannot be simulated (SIMULATION_INPUT_INVALID, paths under `source.` or `script.`), or the source names another key',
  })
  @ApiConflictResponse({ description: 'The caller’s earlier simulation is still queued or running (SIMULATION_ALREADY_RUNNING; details name its id)' })
  @ApiServiceUnavailableResponse({
    description: 'No worker here hosts simulations (SIMULATION_UNAVAILABLE), or every slot is taken and the queue is full (SIMULATION_BUSY, with Retry-After)',
  })
  start(@CurrentUser() user: AuthUser, @Param('key') key: string, @Body() dto: SimulateDefinitionDto): Promise<SimulationJobResponse> {
    return this.simulations.start(user, key, dto);
  }

  @Get('definitions/:key/actors-script')
  @Roles(ADMIN)
  @ApiOkResponse({ type: ActorsScriptResponse, description: 'The actors script shipped for the key: a simulation plays it unless given another' })
  actorsScript(@Param('key') key: string): ActorsScriptResponse {
    const script = this.simulations.shippedScript(key);
    if (!script) throw new SimulationException(ErrorCode.NOT_FOUND, `No actors script is shipped for ${key}`);
    return script;
  }

  @Get('simulations')
  @Roles(ADMIN)
  @ApiOkResponse({ type: [SimulationJobResponse], description: 'The caller’s ten latest simulations, newest first' })
  latest(@CurrentUser() user: AuthUser): Promise<SimulationJobResponse[]> {
    return this.simulations.latest(user);
  }

  @Get('simulations/:id')
  @Roles(ADMIN)
  @ApiOkResponse({ type: SimulationJobResponse, description: 'Where the job stands; its report once it succeeded, its failure once it failed' })
  find(@Param('id', ParseUUIDPipe) id: string): Promise<SimulationJobResponse> {
    return this.simulations.find(id);
  }

  @Post('simulations/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles(ADMIN)
  @ApiOkResponse({ type: SimulationJobResponse, description: 'Cancelled: a running simulation stops at its next simulated day' })
  @ApiConflictResponse({ description: 'It has already ended (SIMULATION_ENDED)' })
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<SimulationJobResponse> {
    return this.simulations.cancel(id);
  }
}
