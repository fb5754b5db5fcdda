import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CustomerProfileEntity, CustomersRepository, enqueueWebhookEvents } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { type CustomerImportOutcome, importOutcome } from './customer-import-outcome';
import { readCustomerImport } from './customer-import-rows';
import type { CustomerImportResponse } from './dto/customer-import.dto';
import type { CustomerProfileFields } from './dto/customer-profile.dto';

/** The media type of an import; its body parser is mounted on the route (api-app.factory.ts). */
export const CUSTOMER_IMPORT_MEDIA_TYPE = 'text/csv';
/** The largest import: some 20,000 rows of a CRM export, parsed and checked well within a request. */
export const CUSTOMER_IMPORT_LIMIT = '2mb';

const PROFILE_FIELDS = ['industry', 'size', 'region', 'annualContractValue', 'contacts'] as const;

/**
 * Imports customers and their contacts from CSV: all or nothing. Every problem of the file
 * is answered at once (422) before anything is read from the database; a valid file is
 * written in one transaction, each customer's profile by CustomersRepository.writeProfiles as the
 * profile PUT writes it, so the contract value's history is kept the same way.
 */
@Injectable()
export class CustomerImportService {
  private readonly customers: CustomersRepository;

  constructor(dataSource: DataSource) {
    this.customers = new CustomersRepository(dataSource);
  }

  async import(user: AuthUser, contentType: string | undefined, body: unknown, dryRun: boolean): Promise<CustomerImportResponse> {
    if (contentType?.split(';')[0].trim().toLowerCase() !== CUSTOMER_IMPORT_MEDIA_TYPE) {
      throw new CustomerException(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Send the customers as a CSV file: Content-Type: ${CUSTOMER_IMPORT_MEDIA_TYPE}; charset=utf-8`,
      );
    }
    // The parser leaves an empty body unread: an empty file, reported as such.
    const { customers, rows, problems } = readCustomerImport(typeof body === 'string' ? body : '');
    if (problems.length > 0) {
      throw new CustomerException(
        ErrorCode.CUSTOMER_IMPORT_INVALID,
        `Nothing was imported: the file has ${problems.length} problem${problems.length === 1 ? '' : 's'}, each named by line and column`,
        problems,
      );
    }
    return this.customers.transaction(async (manager) => {
      // An import locks the customers it compares with, and takes the import lock so that two imports of
      // new customers do not both create them: the outcomes it answers are those it wrote.
      const stored = await this.customers.storedForImport(
        manager,
        customers.map((customer) => customer.key),
        !dryRun,
      );
      const results = customers.map((customer) => ({ customer, ...importOutcome(stored.get(customer.key), customer) }));
      if (!dryRun) {
        const now = new Date();
        await this.customers.saveNames(
          manager,
          results.filter(({ changed }) => changed.includes('name')).map(({ customer }) => customer),
        );
        const profiled = results.filter(({ changed }) => changed.some((field) => (PROFILE_FIELDS as readonly string[]).includes(field)));
        await this.customers.writeProfiles(
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
              data: {
                customerKey: customer.key,
                customerName: customer.name,
                outcome,
                changed,
                importedBy: user.userId,
                profile: { ...customer.profile, updatedBy: user.userId, updatedAt: now.toISOString() },
              },
            })),
        );
      }
      const count = (outcome: CustomerImportOutcome) => results.filter((result) => result.outcome === outcome).length;
      return {
        dryRun,
        rows,
        counts: { created: count('created'), updated: count('updated'), unchanged: count('unchanged') },
        customers: results.map(({ customer, outcome, changed }) => ({
          key: customer.key,
          name: customer.name,
          outcome,
          changed,
          contacts: customer.profile.contacts.length,
          lines: customer.lines,
        })),
      };
    });
  }
}
