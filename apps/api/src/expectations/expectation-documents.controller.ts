import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { DocumentDiffQueryDto } from './dto/document-diff-query.dto';
import {
  BaselineHistoryResponse,
  BaselineResponse,
  ExpectationDocumentDiffResponse,
  ExpectationDocumentHistoryResponse,
  ExpectationDocumentVersionResponse,
  ExpectationsResponse,
  GoalsResponse,
} from './dto/expectation-document.responses';
import { ExpectationsQueryDto } from './dto/expectations-query.dto';
import { ExpectationDocumentsService } from './expectation-documents.service';
import { ParseVersionPipe } from '../input/version-number';

/** Read by every member of the project, the customer included: the document and the goals are shared by both sides. */
@ApiTags('expectations')
@ApiBearerAuth()
@Controller('projects/:id')
export class ExpectationDocumentsController {
  constructor(private readonly documents: ExpectationDocumentsService) {}

  @Get('expectation-document')
  @ApiOkResponse({ type: ExpectationDocumentVersionResponse, description: 'The latest version' })
  @ApiNotFoundResponse({ description: 'None published yet' })
  current(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ExpectationDocumentVersionResponse> {
    return this.documents.current(user, id);
  }

  @Get('expectations')
  @ApiOkResponse({
    type: ExpectationsResponse,
    description: 'The expectations of a document version, the latest by default, with channel, phase and analysis; narrowed by channel, phase, kano, maslow',
  })
  @ApiNotFoundResponse({ description: 'No document published yet, or no such version' })
  expectations(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ExpectationsQueryDto): Promise<ExpectationsResponse> {
    return this.documents.expectations(user, id, query);
  }

  @Get('expectation-document/versions')
  @ApiOkResponse({ type: ExpectationDocumentHistoryResponse })
  async history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ExpectationDocumentHistoryResponse> {
    return { items: await this.documents.history(user, id) };
  }

  @Get('expectation-document/versions/:version')
  @ApiOkResponse({ type: ExpectationDocumentVersionResponse })
  version(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
  ): Promise<ExpectationDocumentVersionResponse> {
    return this.documents.version(user, id, version);
  }

  @Get('expectation-document/diff')
  @ApiOkResponse({ type: ExpectationDocumentDiffResponse, description: 'Every change between two versions, by path' })
  diff(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: DocumentDiffQueryDto): Promise<ExpectationDocumentDiffResponse> {
    return this.documents.diff(user, id, query.from, query.to);
  }

  @Get('baselines')
  @ApiOkResponse({ type: BaselineHistoryResponse, description: 'Every baseline version, oldest first, with its signatures and the change that produced it' })
  async baselines(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BaselineHistoryResponse> {
    return { items: await this.documents.baselines(user, id) };
  }

  @Get('baselines/:version')
  @ApiOkResponse({ type: BaselineResponse })
  baseline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
  ): Promise<BaselineResponse> {
    return this.documents.baseline(user, id, version);
  }

  @Get('goals')
  @ApiOkResponse({ type: GoalsResponse, description: 'The SMART goals in force: those of the latest baseline' })
  goals(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<GoalsResponse> {
    return this.documents.goals(user, id);
  }
}
