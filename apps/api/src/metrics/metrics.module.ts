import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsServer } from './metrics-server';
import { ReadModelGauges } from './read-model-gauges';

/** Prometheus metrics of the API; global, so that any service can count what it does through ApiMetrics. */
@Global()
@Module({
  providers: [ApiMetrics, ReadModelGauges, MetricsServer],
  exports: [ApiMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
