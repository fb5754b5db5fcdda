import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { DataSource } from 'typeorm';
import { createDataSource } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';
import { PreparedStatements } from './prepared-statements';

/** The API's connections to the outside: configuration, PostgreSQL (with its prepared statements) and Temporal. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  static forRoot(config: AccordConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: AccordConfig, useValue: config },
        {
          provide: DataSource,
          useFactory: () => createDataSource(config.DATABASE_URL, { applicationName: 'accord-api' }).initialize(),
        },
        {
          provide: Client,
          // Lazy, so the API starts (and /health reports 503) while Temporal is still down.
          useFactory: () =>
            new Client({
              connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS }),
              namespace: config.TEMPORAL_NAMESPACE,
              // Starts, updates, signals and queries carry the request's trace into the workflow (docs/observability.md#traces).
              ...(config.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? {} : { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } }),
            }),
        },
        PreparedStatements,
      ],
      exports: [AccordConfig, DataSource, Client, PreparedStatements],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
