import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { WEB_APP_PATH } from './web-app-location';

/**
 * The API's root sends a browser to the web app: a person who opens the address `npm start`
 * serves, without `/app/`, lands on sign-in rather than on a 404. The query goes along.
 * A temporary redirect (302), so that no browser keeps it should the root ever answer itself.
 */
@Injectable()
export class RootRedirectMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const [pathname, query] = splitQuery(request.originalUrl);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || pathname !== '/') return next();
    response.redirect(302, `${WEB_APP_PATH}/${query === undefined ? '' : `?${query}`}`);
  }
}

function splitQuery(url: string): [string, string | undefined] {
  const at = url.indexOf('?');
  return at < 0 ? [url, undefined] : [url.slice(0, at), url.slice(at + 1)];
}
