import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CustomerProfileEntity, CustomersRepository, enqueueWebhookEvent } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { CustomerFactsRepository } from './customer-facts.repository';
import { type CustomerProfileResponse, profileFieldsOf, type PutCustomerProfileDto } from './dto/customer-profile.dto';

/** The customer's profile: read with the record's rule, changed by admins and those who start their projects. */
@Injectable()
export class CustomerProfilesService {
  private readonly customers: CustomersRepository;

  constructor(
    dataSource: DataSource,
    private readonly facts: CustomerFactsRepository,
  ) {
    this.customers = new CustomersRepository(dataSource);
  }

  async get(user: AuthUser, key: string): Promise<CustomerProfileResponse> {
    await this.rightsOf(user, key);
    return profileResponse(await this.customers.profile(key));
  }

  async put(user: AuthUser, key: string, dto: PutCustomerProfileDto): Promise<CustomerProfileResponse> {
    const { manage } = await this.rightsOf(user, key);
    if (!manage) throw new CustomerException(ErrorCode.FORBIDDEN, 'Changing a customer’s profile needs admin, or a role that starts their projects');
    const row: CustomerProfileEntity = { customerKey: key, ...profileFieldsOf(dto), updatedBy: user.userId, updatedAt: new Date() };
    await this.customers.transaction(async (manager) => {
      const before = await this.customers.lockProfile(manager, key);
      await this.customers.writeProfiles(manager, [{ profile: row, before }]);
      // Subscribers hear of the change only if it commits; the id is this change's, the same on every attempt.
      await enqueueWebhookEvent(manager, {
        id: randomUUID(),
        type: 'customer.profile-changed',
        occurredAt: row.updatedAt,
        data: { customerKey: key, changedBy: user.userId, profile: profileResponse(row) },
      });
    });
    return profileResponse(row);
  }

  /** 404 when the caller may read none of their projects, as for an unknown customer (overseers: when no such customer was imported either). */
  private async rightsOf(user: AuthUser, key: string): Promise<{ manage: boolean }> {
    const { readable, manage } = await this.facts.profileRights(user, key);
    if (!readable)
      throw new CustomerException(ErrorCode.NOT_FOUND, `No customer ${key} with a project you may see`, [
        { path: 'key', message: `no customer ${key} with a project you may see` },
      ]);
    return { manage };
  }
}

export function profileResponse(
  profile:
    | (Pick<CustomerProfileEntity, 'industry' | 'size' | 'region' | 'annualContractValue' | 'contacts'> & { updatedBy: string | null; updatedAt: Date | null })
    | null,
): CustomerProfileResponse {
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
