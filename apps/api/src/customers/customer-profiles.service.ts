import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerContractValueEntity, CustomerProfileEntity, enqueueWebhookEvent } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { internalReadCondition, profileManagerCondition } from './customer-visibility.sql';
import { type CustomerProfileResponse, profileFieldsOf, type PutCustomerProfileDto } from './dto/customer-profile.dto';

const WRITE_BATCH = 500;

/** The customer's profile: read with the record's rule, changed by admins and those who start their projects. */
@Injectable()
export class CustomerProfilesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(user: AuthUser, key: string): Promise<CustomerProfileResponse> {
    await this.rightsOf(user, key);
    return profileResponse(await this.dataSource.getRepository(CustomerProfileEntity).findOneBy({ customerKey: key }));
  }

  async put(user: AuthUser, key: string, dto: PutCustomerProfileDto): Promise<CustomerProfileResponse> {
    const { manage } = await this.rightsOf(user, key);
    if (!manage) throw new CustomerException(ErrorCode.FORBIDDEN, 'Changing a customer’s profile needs admin, or a role that starts their projects');
    const row: CustomerProfileEntity = { customerKey: key, ...profileFieldsOf(dto), updatedBy: user.userId, updatedAt: new Date() };
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(CustomerProfileEntity).findOne({ where: { customerKey: key }, lock: { mode: 'pessimistic_write' } });
      await this.write(manager, [{ profile: row, before }]);
      // Subscribers hear of the change only if it commits; the id is this change's, the same on every attempt.
      await enqueueWebhookEvent(manager, { id: randomUUID(), type: 'customer.profile-changed', occurredAt: row.updatedAt, data: { customerKey: key, changedBy: user.userId, profile: profileResponse(row) } });
    });
    return profileResponse(row);
  }

  /**
   * Stores profiles, and the contract value of each whose value changed, as history: the one way
   * a profile is written, by the PUT and the import alike. `before` is the profile as it was,
   * read in the same transaction under a lock (null: none yet).
   */
  async write(manager: EntityManager, changes: { profile: CustomerProfileEntity; before: Pick<CustomerProfileEntity, 'annualContractValue'> | null }[]): Promise<void> {
    // Only a change is history: the value trend reads what held when.
    const values = changes
      .filter(({ profile, before }) => (before?.annualContractValue ?? null) !== profile.annualContractValue)
      .map(({ profile }) => ({ customerKey: profile.customerKey, value: profile.annualContractValue, recordedAt: profile.updatedAt, recordedBy: profile.updatedBy }));
    // Batches keep an import of thousands of customers within PostgreSQL's 65,535 parameters a statement.
    for (let at = 0; at < changes.length; at += WRITE_BATCH) {
      await manager.getRepository(CustomerProfileEntity).upsert(changes.slice(at, at + WRITE_BATCH).map(({ profile }) => profile), ['customerKey']);
    }
    for (let at = 0; at < values.length; at += WRITE_BATCH) await manager.getRepository(CustomerContractValueEntity).insert(values.slice(at, at + WRITE_BATCH));
  }

  /** 404 when the caller may read none of their projects, as for an unknown customer (overseers: when no such customer was imported either). */
  private async rightsOf(user: AuthUser, key: string): Promise<{ manage: boolean }> {
    const params: unknown[] = [key];
    const param = (value: unknown) => `$${params.push(value)}`;
    const [row]: { readable: boolean | null; manage: boolean | null }[] = await this.dataSource.query(
      // A customer without projects (imported) is one row with a null project: only the conditions that hold for any project (overseers read, admins manage) hold for it.
      `SELECT bool_or(${internalReadCondition(user, param)}) AS readable, bool_or(${profileManagerCondition(user, param)}) AS manage
         FROM customers customer LEFT JOIN projects project ON project.customer_key = customer.key WHERE customer.key = $1`,
      params,
    );
    if (!row?.readable) throw new CustomerException(ErrorCode.NOT_FOUND, `No customer ${key} with a project you may see`, [{ path: 'key', message: `no customer ${key} with a project you may see` }]);
    return { manage: row.manage === true };
  }
}

export function profileResponse(profile: Pick<CustomerProfileEntity, 'industry' | 'size' | 'region' | 'annualContractValue' | 'contacts'> & { updatedBy: string | null; updatedAt: Date | null } | null): CustomerProfileResponse {
  return {
    industry: profile?.industry ?? null,
    size: profile?.size ?? null,
    region: profile?.region ?? null,
    annualContractValue: profile?.annualContractValue ?? null,
    contacts: profile?.contacts ?? [],
    updatedBy: profile?.updatedBy ?? null,
    updatedAt: profile?.updatedAt?.toISOString() ?? null,
  };
}
