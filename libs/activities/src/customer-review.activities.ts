import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  AuditEntry,
  CustomerRequirementsRecord,
  CustomerRequirementsRecorded,
  CustomerReviewRecord,
  CustomerReviewRecorded,
  RequirementSpecification,
} from '@accord/contracts';
import { CustomerRequirementEntity, MetricReadingEntity, ProjectEntity } from '@accord/persistence';
import { watchCustomerChurn } from './churn-watch';

type Audit = (db: EntityManager, entry: AuditEntry) => Promise<unknown>;

/**
 * Activities of the customer review procedure (R-REV, issue 13): what a project tells its
 * customer's record. Idempotent: a requirement version is found again by the step run that
 * wrote it, audit ids are deterministic. The analyses (classification, value, churn) are
 * computed when the record is read, not here.
 */
export function createCustomerReviewActivities({ dataSource }: { dataSource: DataSource }, appendAudit: Audit) {
  /** Serialises version numbering per customer: two of their projects may record at once. */
  const lockCustomer = (db: EntityManager, customerKey: string) => db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`customer:${customerKey}`]);
  const customerOf = async (db: EntityManager, projectId: string) =>
    (await db.getRepository(ProjectEntity).findOne({ select: { id: true, customerKey: true }, where: { id: projectId } }))?.customerKey ?? null;

  return {
    /** Records a confirmed requirement specification as the next version of the project's customer's requirement history. */
    async recordCustomerRequirements(record: CustomerRequirementsRecord): Promise<CustomerRequirementsRecorded> {
      return dataSource.transaction(async (db) => {
        const customer = await customerOf(db, record.projectId);
        if (customer === null) {
          await appendAudit(db, { ...record.audit, detail: { ...record.audit.detail, recorded: false, reason: 'no-customer' } });
          return { recorded: false, reason: 'no-customer' };
        }
        await lockCustomer(db, customer);
        const repository = db.getRepository(CustomerRequirementEntity);
        const existing = await repository.findOneBy({ id: record.source });
        if (existing)
          return {
            recorded: true,
            customer: existing.customerKey,
            version: existing.version,
            standing: await watchCustomerChurn(db, customer, new Date(record.at), record.source),
          };
        const [{ latest }]: { latest: number | null }[] = await db.query(`SELECT max(version) AS latest FROM customer_requirements WHERE customer_key = $1`, [
          customer,
        ]);
        const version = (latest ?? 0) + 1;
        await db
          .createQueryBuilder()
          .insert()
          .into(CustomerRequirementEntity)
          .values({
            id: record.source,
            customerKey: customer,
            projectId: record.projectId,
            version,
            // TypeORM's deep-partial type cannot express an open JSON object.
            specification: record.specification as QueryDeepPartialEntity<RequirementSpecification>,
            recordedAt: new Date(record.at),
            recordedBy: record.recordedBy ?? null,
          })
          .execute();
        await appendAudit(db, { ...record.audit, detail: { ...record.audit.detail, recorded: true, customer, version } });
        return { recorded: true, customer, version, standing: await watchCustomerChurn(db, customer, new Date(record.at), record.source) };
      });
    },

    /**
     * Records, in the audit trail, that the feedback review of a project is complete for its
     * customer; its survey's overall answer becomes a satisfaction reading of the project, which
     * the customer record's surveys and satisfaction trend read.
     */
    async recordCustomerReview(record: CustomerReviewRecord): Promise<CustomerReviewRecorded> {
      return dataSource.transaction(async (db) => {
        const customer = await customerOf(db, record.projectId);
        const detail = {
          ...record.audit.detail,
          ...record.review,
          ...(customer === null ? { recorded: false, reason: 'no-customer' } : { recorded: true, customer }),
        };
        await appendAudit(db, { ...record.audit, detail });
        const overall = record.review.survey?.overall;
        if (typeof overall === 'number') {
          await db
            .createQueryBuilder()
            .insert()
            .into(MetricReadingEntity)
            .values({
              id: `${record.source}:satisfaction`,
              projectId: record.projectId,
              metric: 'satisfaction',
              value: overall,
              at: new Date(record.at),
              source: record.audit.subject ?? 'customer-review',
              detail: record.review.survey as QueryDeepPartialEntity<Record<string, unknown>>,
            })
            .orIgnore()
            .execute();
        }
        if (customer === null) return { recorded: false, reason: 'no-customer' };
        return { recorded: true, customer, standing: await watchCustomerChurn(db, customer, new Date(record.at), record.source) };
      });
    },
  };
}
