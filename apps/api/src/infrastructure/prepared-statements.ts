import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool, type QueryResultRow } from 'pg';
import { AccordConfig } from '@accord/runtime';

/**
 * How many statement texts get prepared; further ones run unprepared. Each connection keeps
 * every statement it prepared, so this bounds what a connection holds in PostgreSQL.
 */
const MAX_PREPARED_TEXTS = 200;

/** Connections of this pool, beside TypeORM's ten: the reads it serves take a millisecond each. */
const POOL_SIZE = 5;

/**
 * Runs the reads every page of a list sends (the inbox's) as named prepared statements that
 * PostgreSQL plans once per connection: planning the inbox statement took twice as long as
 * running it (docs/benchmarks.md, Inbox). Its own pool, because planning once is a session
 * setting (`plan_cache_mode`): on TypeORM's connections it would also hold for every
 * parameterised statement of the rest of the API, which were written for plans made with
 * their values. A statement sent here must not need its parameters' values to be planned
 * well: what a partial index depends on is written into its text, not passed as a parameter.
 */
@Injectable()
export class PreparedStatements implements OnApplicationShutdown {
  private readonly logger = new Logger(PreparedStatements.name);
  private readonly names = new Map<string, string>();
  private readonly pool: Pool;

  constructor(config: AccordConfig) {
    this.pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: POOL_SIZE,
      application_name: 'accord-api-reads',
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle connection that breaks (a restarted server) leaves the pool; unheard, the error would end the process.
    this.pool.on('error', (error) => this.logger.warn(`A pooled PostgreSQL connection failed while idle: ${error.message}`));
  }

  /** The rows of `sql` run with `params`, as `DataSource.query` returns them. */
  async query<Row extends QueryResultRow>(sql: string, params: unknown[]): Promise<Row[]> {
    const result = await this.pool.query<Row>({ name: this.nameOf(sql), text: sql, values: params });
    return result.rows;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** A name derived from the text, so that one name never stands for two texts. */
  private nameOf(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined || this.names.size >= MAX_PREPARED_TEXTS) return known;
    const name = `accord_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    this.names.set(sql, name);
    return name;
  }
}
