import { type INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type Application, text } from 'express';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AccordConfig } from '@accord/runtime';
import { AppModule } from './app.module';
import { requestLogging } from './metrics/request-logging';
import { CUSTOMER_IMPORT_LIMIT, CUSTOMER_IMPORT_MEDIA_TYPE } from './customers/customer-import.service';
import { AccordExceptionFilter } from './errors/accord-exception.filter';
import { toValidationException } from './errors/validation-errors';
import { withCommonResponses } from './openapi/common-responses';

export interface ApiAppOptions {
  /** Where the JSON log lines go; stdout when absent (tests read them from a stream). */
  logDestination?: DestinationStream;
}

/** The app with its logger: pino's request logging wraps every module of the API. */
@Module({})
class ApiAppModule {}

/** Builds the HTTP app (used by main.ts and by the end-to-end tests alike). */
export async function createApiApp(config: AccordConfig, options: ApiAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(
    { module: ApiAppModule, imports: [LoggerModule.forRoot(requestLogging(config, options.logDestination)), AppModule.forRoot(config)] },
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Express's default trusts no proxy: req.ip is the peer and X-Forwarded-For, which any client can write, is ignored.
  if (config.ACCORD_TRUSTED_PROXIES)
    (app.getHttpAdapter().getInstance() as Application).set(
      'trust proxy',
      config.ACCORD_TRUSTED_PROXIES.split(',').map((entry) => entry.trim()),
    );
  // The one route that reads CSV gets its own parser and limit; every other body stays JSON of at most 100 kB.
  app.use('/customers/import', text({ type: CUSTOMER_IMPORT_MEDIA_TYPE, limit: CUSTOMER_IMPORT_LIMIT, defaultCharset: 'utf-8' }));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: toValidationException,
    }),
  );
  app.useGlobalFilters(new AccordExceptionFilter());
  app.enableShutdownHooks();
  const document = withCommonResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Accord')
        .setDescription('Customer-expectation projects on durable workflows: projects, task inboxes, decisions and their audit trail.')
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
