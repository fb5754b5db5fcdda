import type { DataSource, EntityManager } from 'typeorm';
import type { CustomerAnalyticsSettings } from '@accord/domain';
import { CustomerAnalyticsSettingsEntity } from '../entities/customer-analytics-settings.entity';
import { CustomerContractValueEntity } from '../entities/customer-contract-value.entity';
import { CustomerProfileEntity } from '../entities/customer-profile.entity';
import { CustomerEntity } from '../entities/customer.entity';
import { loadCustomerAnalyticsSettings } from '../queries/customer-signals.query';

/** What a profile says of a customer, without who wrote it. */
export type CustomerProfileFields = Pick<CustomerProfileEntity, 'industry' | 'size' | 'region' | 'annualContractValue' | 'contacts'>;

/** A customer as an import compares it: their name and profile (null: none yet). */
export interface StoredCustomer {
  name: string;
  profile: CustomerProfileFields | null;
}

/** A profile to store, with the contract value it replaces (null: no profile yet) so a change goes into the history. */
export interface ProfileChange {
  profile: CustomerProfileEntity;
  before: Pick<CustomerProfileEntity, 'annualContractValue'> | null;
}

/** Rows per statement: well within PostgreSQL's 65,535 parameters a statement. */
const WRITE_BATCH = 500;
/** Customers per statement: three parameters each. */
const CUSTOMER_BATCH = 1000;
/** The settings are one row. */
const SETTINGS_ROW = 1;

/**
 * Customers, their profiles with the history of their contract value, and the company's
 * customer-analytics settings. `db` is the caller's transaction where one spans several calls.
 */
export class CustomersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction, whose manager the other methods take as `db`. */
  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  find(key: string, db: EntityManager = this.dataSource.manager): Promise<CustomerEntity | null> {
    return db.getRepository(CustomerEntity).findOneBy({ key });
  }

  profile(key: string, db: EntityManager = this.dataSource.manager): Promise<CustomerProfileEntity | null> {
    return db.getRepository(CustomerProfileEntity).findOneBy({ customerKey: key });
  }

  /** The profile, locked until `db`'s transaction ends, so that two writers compare with what the other wrote. */
  lockProfile(db: EntityManager, key: string): Promise<CustomerProfileEntity | null> {
    return db.getRepository(CustomerProfileEntity).findOne({ where: { customerKey: key }, lock: { mode: 'pessimistic_write' } });
  }

  /** Stores profiles, and as history the contract value of each whose value changed: the one way a profile is written. */
  async writeProfiles(db: EntityManager, changes: ProfileChange[]): Promise<void> {
    // Only a change is history: the value trend reads what held when.
    const values = changes
      .filter(({ profile, before }) => (before?.annualContractValue ?? null) !== profile.annualContractValue)
      .map(({ profile }) => ({
        customerKey: profile.customerKey,
        value: profile.annualContractValue,
        recordedAt: profile.updatedAt,
        recordedBy: profile.updatedBy,
      }));
    for (let at = 0; at < changes.length; at += WRITE_BATCH) {
      await db.getRepository(CustomerProfileEntity).upsert(
        changes.slice(at, at + WRITE_BATCH).map(({ profile }) => profile),
        ['customerKey'],
      );
    }
    for (let at = 0; at < values.length; at += WRITE_BATCH) await db.getRepository(CustomerContractValueEntity).insert(values.slice(at, at + WRITE_BATCH));
  }

  /**
   * The customers of these keys as stored. With `lock`, the import lock and the rows' locks are
   * taken first, so that two imports of new customers do not both create them.
   */
  async storedForImport(db: EntityManager, keys: string[], lock: boolean): Promise<Map<string, StoredCustomer>> {
    if (lock) {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('accord:customer-import'))`);
      await db.query(`SELECT 1 FROM customers WHERE key = ANY($1) ORDER BY key FOR UPDATE`, [keys]);
      // The profile PUT locks the profile it changes: so does the import, before it reads what it compares with.
      await db.query(`SELECT 1 FROM customer_profiles WHERE customer_key = ANY($1) ORDER BY customer_key FOR UPDATE`, [keys]);
    }
    const rows: {
      key: string;
      name: string;
      has_profile: boolean;
      industry: string | null;
      size: string | null;
      region: string | null;
      annual_contract_value: number | null;
      contacts: CustomerProfileFields['contacts'] | null;
    }[] = await db.query(
      `SELECT customer.key, customer.name, profile.customer_key IS NOT NULL AS has_profile, profile.industry, profile.size, profile.region, profile.annual_contract_value, profile.contacts
           FROM customers customer LEFT JOIN customer_profiles profile ON profile.customer_key = customer.key
          WHERE customer.key = ANY($1)`,
      [keys],
    );
    return new Map(
      rows.map((row) => [
        row.key,
        {
          name: row.name,
          profile: row.has_profile
            ? { industry: row.industry, size: row.size, region: row.region, annualContractValue: row.annual_contract_value, contacts: row.contacts ?? [] }
            : null,
        },
      ]),
    );
  }

  /** Creates these customers or renames them. A customer imported before any project has none to date them: the first project's start fills it in. */
  async saveNames(db: EntityManager, customers: { key: string; name: string }[]): Promise<void> {
    for (let at = 0; at < customers.length; at += CUSTOMER_BATCH) {
      const values = customers.slice(at, at + CUSTOMER_BATCH).map(({ key, name }) => ({ key, name, firstProjectAt: null }));
      await db.createQueryBuilder().insert().into(CustomerEntity).values(values).orUpdate(['name'], ['key']).execute();
    }
  }

  /** The customer-analytics settings in force: the defaults until an admin changes them. */
  analyticsSettingsInForce(): Promise<CustomerAnalyticsSettings> {
    return loadCustomerAnalyticsSettings(this.dataSource.manager);
  }

  /** The customer-analytics settings as stored; null until an admin first changes them. */
  analyticsSettings(): Promise<CustomerAnalyticsSettingsEntity | null> {
    return this.dataSource.getRepository(CustomerAnalyticsSettingsEntity).findOneBy({ id: SETTINGS_ROW });
  }

  async saveAnalyticsSettings(row: Omit<CustomerAnalyticsSettingsEntity, 'id'>): Promise<void> {
    await this.dataSource.getRepository(CustomerAnalyticsSettingsEntity).upsert({ ...row, id: SETTINGS_ROW }, ['id']);
  }
}
