import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';
import { LocalSignInDto } from './dto/local-sign-in.dto';
import { LocalPeopleResponse, SessionResponse } from './dto/session.response';
import { Public } from './public.decorator';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Get('session')
  @ApiBearerAuth()
  @ApiOkResponse({ type: SessionResponse, description: 'Who the caller is (bearer token or session cookie)' })
  session(@CurrentUser() user: AuthUser): SessionResponse {
    return this.sessions.describe(user);
  }

  @Post('sign-out')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The session cookie is cleared' })
  @ApiForbiddenResponse({ description: 'Without the x-accord-request header' })
  signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    this.sessions.signOut(request, response);
  }

  @Get('local/people')
  @Public()
  @ApiOkResponse({ type: LocalPeopleResponse, description: 'The people local sign-in offers, with their roles' })
  @ApiNotFoundResponse({ description: 'Accord does not run locally: there is no local sign-in' })
  localPeople(): LocalPeopleResponse {
    return { items: this.sessions.localPeople() };
  }

  @Post('local/session')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionResponse, description: 'Signed in: the session cookie (HttpOnly, SameSite=Strict) holds the token' })
  @ApiForbiddenResponse({ description: 'Without the x-accord-request header' })
  @ApiNotFoundResponse({ description: 'Accord does not run locally: there is no local sign-in' })
  signInLocally(@Body() dto: LocalSignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): SessionResponse {
    return this.sessions.signInLocally(request, response, dto.user, dto.roles);
  }
}
