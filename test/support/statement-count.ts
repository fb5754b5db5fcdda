import type { DataSource, Logger, QueryRunner } from 'typeorm';

/** The statements a data source sends PostgreSQL while `work` runs, each cut to its first 120 characters. */
export async function statementsOf(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const logger = dataSource.logger;
  const statements: string[] = [];
  const counting: Logger = {
    logQuery: (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      statements.push(query.replace(/\s+/g, ' ').slice(0, 120));
      logger.logQuery(query, parameters, runner);
    },
    logQueryError: logger.logQueryError.bind(logger),
    logQuerySlow: logger.logQuerySlow.bind(logger),
    logSchemaBuild: logger.logSchemaBuild.bind(logger),
    logMigration: logger.logMigration.bind(logger),
    log: logger.log.bind(logger),
  };
  // TypeORM reads the logger on every statement: swapping it in counts them without touching the driver.
  Object.defineProperty(dataSource, 'logger', { value: counting, configurable: true, writable: true });
  try {
    await work();
    return statements;
  } finally {
    Object.defineProperty(dataSource, 'logger', { value: logger, configurable: true, writable: true });
  }
}
