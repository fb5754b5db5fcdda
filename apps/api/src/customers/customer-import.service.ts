import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerEntity, type CustomerProfileEntity, enqueueWebhookEvents } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { type CustomerImportOutcome, importOutcome, type StoredCustomer } from './customer-import-outcome';
import { readCustomerImport } from './customer-import-rows';
import { CustomerProfilesService } from './customer-profiles.service';
import type { CustomerImportResponse } from './dto/customer-import.dto';
import type { CustomerProfileFields } from './dto/customer-profile.dto';

/** The media type of an import; its body parser is mounted on the route (api-app.factory.ts). */
export const CUSTOMER_IMPORT_MEDIA_TYPE = 'text/csv';
/** The largest import: some 20,000 rows of a CRM export, parsed and checked well within a request. */
export const CUSTOMER_IMPORT_LIMIT = '2mb';

const PROFILE_FIELDS = ['industry', 'size', 'region', 'annualContractValue', 'contacts'] as const;
/** Customers per statement: three parameters each, far below PostgreSQL's 65,535. */
const CUSTOMER_BATCH = 1000;

/**
 * Imports customers and their contacts from CSV: all or nothing. Every problem of the file
 * is answered at once (422) before anything is read from the database; a valid file is
 * written in one transaction, each customer's profile through the profile service as the
 * profile PUT writes it, so the contract value's history is kept the same way.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: CustomerProfilesService,
  ) {}

  async import(user: AuthUser, contentType: string | undefined, body: unknown, dryRun: boolean): Promise<CustomerImportResponse> {
    if (contentType?.split(';')[0].trim().toLowerCase() !== CUSTOMER_IMPORT_MEDIA_TYPE) {
      throw new CustomerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Send the customers as a CSV file: Content-Type: ${CUSTOMER_IMPORT_MEDIA_TYPE}; charset=utf-8`);
    }
    // The parser leaves an empty body unread: an empty file, reported as such.
    const { customers, rows, problems } = readCustomerImport(typeof body === 'string' ? body : '');
    if (problems.length > 0) {
      throw new CustomerException(ErrorCode.CUSTOMER_IMPORT_INVALID, `Nothing was imported: the file has ${problems.length} problem${problems.length === 1 ? '' : 's'}, each named by line and column`, problems);
    }
    return this.dataSource.transaction(async (manager) => {
      const keys = customers.map((customer) => customer.key);
      const stored = await this.stored(manager, keys, !dryRun);
      const results = customers.map((customer) => ({ customer, ...importOutcome(stored.get(customer.key), customer) }));
      if (!dryRun) {
        const now = new Date();
        const named = results.filter(({ changed }) => changed.includes('name'));
        for (let at = 0; at < named.length; at += CUSTOMER_BATCH) {
          // A customer imported before any project has none to date them: the first project's start fills it in.
          const values = named.slice(at, at + CUSTOMER_BATCH).map(({ customer }) => ({ key: customer.key, name: customer.name, firstProjectAt: null }));
          await manager.createQueryBuilder().insert().into(CustomerEntity).values(values).orUpdate(['name'], ['key']).execute();
        }
        const profiled = results.filter(({ changed }) => changed.some((field) => (PROFILE_FIELDS as readonly string[]).includes(field)));
        await this.profiles.write(
          manager,
          profiled.map(({ customer }): { profile: CustomerProfileEntity; before: CustomerProfileFields | null } => ({
            profile: { customerKey: customer.key, ...customer.profile, updatedBy: user.userId, updatedAt: now },
            before: stored.get(customer.key)?.profile ?? null,
          })),
        );
        // A CRM kept in step hears of each customer the import created or changed, if it commits.
        const importId = randomUUID();
        await enqueueWebhookEvents(
          manager,
          results
            .filter(({ outcome }) => outcome !== 'unchanged')
            .map(({ customer, outcome, changed }) => ({
              id: `customer-import:${importId}:${customer.key}`,
              type: 'customer.imported',
              occurredAt: now,
              data: { customerKey: customer.key, customerName: customer.name, outcome, changed, importedBy: user.userId, profile: { ...customer.profile, updatedBy: user.userId, updatedAt: now.toISOString() } },
            })),
        );
      }
      const count = (outcome: CustomerImportOutcome) => results.filter((result) => result.outcome === outcome).length;
      return {
        dryRun,
        rows,
        counts: { created: count('created'), updated: count('updated'), unchanged: count('unchanged') },
        customers: results.map(({ customer, outcome, changed }) => ({ key: customer.key, name: customer.name, outcome, changed, contacts: customer.profile.contacts.length, lines: customer.lines })),
      };
    });
  }

  /**
   * The customers of these keys as stored. An import locks them, and takes the import lock so
   * that two imports of new customers do not both create them: the outcomes it answers are
   * those it wrote.
   */
  private async stored(manager: EntityManager, keys: string[], lock: boolean): Promise<Map<string, StoredCustomer>> {
    if (lock) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('accord:customer-import'))`);
      await manager.query(`SELECT 1 FROM customers WHERE key = ANY($1) ORDER BY key FOR UPDATE`, [keys]);
      // The profile PUT locks the profile it changes: so does the import, before it reads what it compares with.
      await manager.query(`SELECT 1 FROM customer_profiles WHERE customer_key = ANY($1) ORDER BY customer_key FOR UPDATE`, [keys]);
    }
    const rows: { key: string; name: string; has_profile: boolean; industry: string | null; size: string | null; region: string | null; annual_contract_value: number | null; contacts: CustomerProfileFields['contacts'] | null }[] =
      await manager.query(
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
          profile: row.has_profile ? { industry: row.industry, size: row.size, region: row.region, annualContractValue: row.annual_contract_value, contacts: row.contacts ?? [] } : null,
        },
      ]),
    );
  }
}
