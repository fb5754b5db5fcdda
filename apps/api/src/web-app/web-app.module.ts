import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { WEB_APP_PATH } from './web-app-location';
import { RootRedirectMiddleware } from './root-redirect.middleware';
import { WebAppMiddleware } from './web-app.middleware';

/** The browser app, on the API's own origin under /app (same origin: no CORS, cookie sessions); the root sends a browser there. */
@Module({})
export class WebAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    const path = WEB_APP_PATH.slice(1);
    consumer
      .apply(WebAppMiddleware)
      .forRoutes(
        { path, method: RequestMethod.GET },
        { path: `${path}/{*rest}`, method: RequestMethod.GET },
        { path, method: RequestMethod.HEAD },
        { path: `${path}/{*rest}`, method: RequestMethod.HEAD },
      );
    consumer.apply(RootRedirectMiddleware).forRoutes({ path: '/', method: RequestMethod.GET }, { path: '/', method: RequestMethod.HEAD });
  }
}
