import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetrics } from './api-metrics';
import { routeTemplate } from './route-template';

/** Times every request from here to the last byte of its answer, labelled by route template. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    // `finish` fires after routing, so `request.route` names the template that matched.
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.requestAnswered(request.method, routeTemplate(request), response.statusCode, seconds);
    });
    next();
  }
}
