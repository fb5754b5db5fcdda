import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Client as PostgresClient } from 'pg';
import { Subject } from 'rxjs';
import { TASK_CHANGES_CHANNEL, type TaskChangeNotice } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';

/** The longest wait between attempts to listen again after PostgreSQL went away. */
const MAX_RECONNECT_MS = 10_000;

/**
 * Listens on PostgreSQL for the notices its triggers send when tasks change, on one connection
 * of its own, opened when the first live inbox asks. When the connection drops (PostgreSQL
 * restarted, a network cut), it listens again with backoff and then tells everyone to
 * refresh, since notices sent meanwhile are lost.
 */
@Injectable()
export class TaskChangesListener implements OnModuleDestroy {
  private readonly logger = new Logger(TaskChangesListener.name);
  readonly notices = new Subject<TaskChangeNotice>();
  private client: PostgresClient | undefined;
  private started = false;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly config: AccordConfig) {}

  /** Starts listening unless it already does. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.notices.complete();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new PostgresClient({ connectionString: this.config.DATABASE_URL, application_name: 'accord-api-live-inbox' });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (error) this.logger.warn(`Live inbox lost its PostgreSQL connection: ${error.message}`);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      const notice = parseNotice(message.payload);
      if (notice) this.notices.next(notice);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TASK_CHANGES_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.failures > 0) {
      this.logger.log('Live inbox listens again');
      this.notices.next({ all: true });
    }
    this.failures = 0;
  }

  private scheduleReconnect(): void {
    this.failures += 1;
    const delay = Math.min(MAX_RECONNECT_MS, 250 * 2 ** Math.min(this.failures, 6));
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }
}

/** A notice as the trigger wrote it; anything else is treated as "everything may have changed". */
function parseNotice(payload: string | undefined): TaskChangeNotice | undefined {
  try {
    const notice = JSON.parse(payload ?? '') as Partial<{ all: boolean; projects: unknown; users: unknown }>;
    if (Array.isArray(notice.projects) && Array.isArray(notice.users)) return { projects: notice.projects.map(String), users: notice.users.map(String) };
  } catch {
    // A payload that is not JSON was not written by our trigger; refreshing everyone is safe.
  }
  return { all: true };
}
