import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { ErrorCode, ExpectationException } from '../errors/accord.exception';

/** PostgreSQL's query_canceled, which a statement_timeout raises. */
const QUERY_CANCELED = '57014';

/**
 * Runs a roll-up (a team's KPI report, a customer record) in one read-only transaction, so
 * its totals and its page read the same snapshot, whose statements PostgreSQL cancels after
 * `timeoutMs`: a roll-up too large for that is a 503 ROLLUP_TIMEOUT, not a held connection.
 */
export async function inRollupTransaction<T>(dataSource: DataSource, timeoutMs: number, work: (db: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await dataSource.transaction('REPEATABLE READ', async (db) => {
      // SET LOCAL takes no parameters; set_config(…, true) is the same, scoped to this transaction.
      await db.query(`SET TRANSACTION READ ONLY`);
      await db.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
      return work(db);
    });
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === QUERY_CANCELED) {
      throw new ExpectationException(
        ErrorCode.ROLLUP_TIMEOUT,
        `This roll-up took longer than ${timeoutMs} ms (ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS) and was cancelled; try again later`,
      );
    }
    throw error;
  }
}
