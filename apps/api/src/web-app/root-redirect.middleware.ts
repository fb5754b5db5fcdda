import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WEB_APP_PATH } from './web-app-location';

/**
 * The API's root sends a browser to the web app: a person who opens the address `npm start`
 * serves, without `/app/`, lands on sign-in rather than on a 404. The query goes along.
 * A temporary redirect (302), so that no browser keeps it should the root ever answer itself.
 * Mounted for GET and HEAD of `/` alone (`WebAppModule`).
 */
@Injectable()
export class RootRedirectMiddleware implements NestMiddleware {
  use(request: Request, response: Response): void {
    const { search } = new URL(request.originalUrl, 'http://root');
    response.redirect(302, `${WEB_APP_PATH}/${search}`);
  }
}
