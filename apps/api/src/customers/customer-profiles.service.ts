import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerContractValueEntity, CustomerProfileEntity, enqueueWebhookEvent } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { internalReadCondition, profileManagerCondition } from './customer-visibility.sql';
import type { CustomerProfileResponse, PutCustomerProfileDto } from './dto/customer-profile.dto';

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
    const row: CustomerProfileEntity = {
      customerKey: key,
      industry: dto.industry ?? null,
      size: dto.size ?? null,
      region: dto.region ?? null,
      annualContractValue: dto.annualContractValue ?? null,
      contacts: (dto.contacts ?? []).map((contact) => ({ name: contact.name, role: contact.role ?? null, email: contact.email ?? null, phone: contact.phone ?? null })),
      updatedBy: user.userId,
      updatedAt: new Date(),
    };
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(CustomerProfileEntity).findOne({ where: { customerKey: key }, lock: { mode: 'pessimistic_write' } });
      await manager.getRepository(CustomerProfileEntity).save(row);
      // Only a change is history: the value trend reads what held when.
      if ((before?.annualContractValue ?? null) !== row.annualContractValue) {
        await manager.getRepository(CustomerContractValueEntity).insert({ customerKey: key, value: row.annualContractValue, recordedAt: row.updatedAt, recordedBy: user.userId });
      }
      // Subscribers hear of the change only if it commits; the id is this change's, the same on every attempt.
      await enqueueWebhookEvent(manager, { id: randomUUID(), type: 'customer.profile-changed', occurredAt: row.updatedAt, data: { customerKey: key, changedBy: user.userId, profile: profileResponse(row) } });
    });
    return profileResponse(row);
  }

  /** 404 when the caller may read none of their projects, as for an unknown customer. */
  private async rightsOf(user: AuthUser, key: string): Promise<{ manage: boolean }> {
    const params: unknown[] = [key];
    const param = (value: unknown) => `$${params.push(value)}`;
    const [row]: { readable: boolean | null; manage: boolean | null }[] = await this.dataSource.query(
      `SELECT bool_or(${internalReadCondition(user, param)}) AS readable, bool_or(${profileManagerCondition(user, param)}) AS manage
         FROM projects project WHERE project.customer_key = $1`,
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
