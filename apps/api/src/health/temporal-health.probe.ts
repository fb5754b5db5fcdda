import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { AccordConfig } from '@accord/runtime';

/**
 * Asks Temporal whether it answers, over a connection of its own without the client's
 * retry interceptor: a health check wants the truth now, and a retry still pending
 * when the app closes would fire on a closed channel.
 */
@Injectable()
export class TemporalHealthProbe implements OnApplicationShutdown {
  private readonly connection: Connection;

  constructor(config: AccordConfig) {
    this.connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, interceptors: [] });
  }

  async check(timeoutMs: number): Promise<void> {
    await this.connection.withDeadline(Date.now() + timeoutMs, () => this.connection.workflowService.getSystemInfo({}));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
