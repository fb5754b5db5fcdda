import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccordConfig } from '@accord/runtime';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

/**
 * How long a request may run before a repeat with the same key and body may take it over: long
 * enough for any update the API waits for, short enough that a key held by an API process that
 * died mid-request is free again within minutes. A takeover reuses the derived key, so
 * Temporal still deduplicates it within the run.
 */
const IN_FLIGHT_LEASE_SECONDS = 300;

/** Idempotency keys for every endpoint marked @IdempotencyKey. */
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [DataSource, AccordConfig],
      useFactory: (dataSource: DataSource, config: AccordConfig) => new IdempotencyStore(dataSource.manager, config.ACCORD_IDEMPOTENCY_TTL_HOURS, IN_FLIGHT_LEASE_SECONDS),
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
