import fs from 'node:fs';
import path from 'node:path';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { WEB_APP_PATH, webAppDirectory } from './web-app-location';

/**
 * Serves the built web app under /app: its files as they are (hashed assets cached for a
 * year), and index.html for any other path under /app, so that a deep link such as
 * /app/tasks/… opens the app, which routes it. Nothing outside /app is touched.
 */
@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private readonly directory = webAppDirectory();
  private readonly files = express.static(this.directory, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (response, file) => {
      if (file.includes(`${path.sep}assets${path.sep}`)) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });

  use(request: Request, response: Response, next: NextFunction): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // Mounted for /app and /app/*; express strips nothing here, so take the path below /app ourselves.
    const below = request.originalUrl.slice(WEB_APP_PATH.length).split('?')[0] || '/';
    const index = path.join(this.directory, 'index.html');
    if (!fs.existsSync(index)) {
      response.status(404).json({ code: 'NOT_FOUND', message: 'The web app is not built: run `npm run build` (or `npm start`, which builds it)', details: [] });
      return;
    }
    const sendIndex = (): void => {
      // index.html names the current hashed bundles: never cache it.
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    };
    if (below === '/' || below === '/index.html') return sendIndex();
    request.url = below;
    this.files(request, response, () => {
      // A missing asset is a 404, not the app: a stale index.html would otherwise load HTML as script.
      if (below.startsWith('/assets/')) {
        response.status(404).json({ code: 'NOT_FOUND', message: `No file ${below} in the web app`, details: [] });
        return;
      }
      sendIndex();
    });
  }
}
