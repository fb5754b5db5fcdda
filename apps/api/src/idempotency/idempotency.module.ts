import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccordConfig } from '@accord/runtime';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

/**
 * How long a repeat with the same key and body waits on the request in flight before it takes
 * the key over: about a client's patience, so that the retry of a request whose API process
 * died mid-request runs within seconds rather than being refused. Taking over is safe: both
 * carry the same derived key, so Temporal takes the update once within the run.
 */
const IN_FLIGHT_LEASE_SECONDS = 10;

/** Idempotency keys for every endpoint marked @IdempotencyKey. */
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [DataSource, AccordConfig],
      useFactory: (dataSource: DataSource, config: AccordConfig) =>
        new IdempotencyStore(dataSource.manager, config.ACCORD_IDEMPOTENCY_TTL_HOURS, IN_FLIGHT_LEASE_SECONDS),
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
