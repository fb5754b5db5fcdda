import { Controller, Get, Query, Redirect, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignInProvidersResponse } from './dto/sign-in-providers.response';
import { type OidcCallbackQuery, OidcSignInService } from './oidc-sign-in.service';
import { Public } from './public.decorator';

/** How the web app signs people in: which ways it offers, and the identity provider's redirect flow. */
@ApiTags('auth')
@Controller('auth')
export class OidcSignInController {
  constructor(private readonly oidc: OidcSignInService) {}

  @Get('providers')
  @Public()
  @ApiOkResponse({ type: SignInProvidersResponse, description: 'The ways of signing in the web app should offer' })
  providers(): SignInProvidersResponse {
    return this.oidc.providers();
  }

  @Get('oidc/sign-in')
  @Public()
  @Redirect()
  @ApiQuery({
    name: 'returnTo',
    required: false,
    example: '/app/?priority=high',
    description: 'A path of the web app (under /app) to come back to; anything else is /app/',
  })
  @ApiFoundResponse({ description: "To the provider's authorization endpoint (code, PKCE S256, state, nonce, resource); a 10-minute cookie keeps the flow" })
  @ApiNotFoundResponse({ description: 'No identity provider sign-in here (ACCORD_OIDC_ISSUER, ACCORD_OIDC_CLIENT_ID)' })
  async signIn(@Query('returnTo') returnTo: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<{ url: string }> {
    return { url: await this.oidc.signIn(request, response, returnTo) };
  }

  @Get('oidc/callback')
  @Public()
  @Redirect()
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'error', required: false, description: "The provider's error (access_denied…) instead of a code" })
  @ApiQuery({ name: 'error_description', required: false })
  @ApiFoundResponse({
    description: 'Signed in: the session cookie (HttpOnly, SameSite=Strict, until the access token expires) holds the access token; to returnTo',
  })
  @ApiBadRequestResponse({ description: 'No sign-in begun in this browser, a state not its own, no code, or a provider error' })
  @ApiForbiddenResponse({ description: 'The person refused at the provider (access_denied)' })
  @ApiUnauthorizedResponse({ description: 'The code was not exchanged, or the ID or access token was refused' })
  @ApiNotFoundResponse({ description: 'No identity provider sign-in here' })
  async callback(@Query() query: OidcCallbackQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<{ url: string }> {
    return { url: await this.oidc.callback(request, response, query) };
  }
}
