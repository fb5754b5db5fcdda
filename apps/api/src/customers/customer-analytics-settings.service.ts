import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerAnalyticsSettingsProblems, type CustomerAnalyticsSettings, DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from '@accord/domain';
import { type CustomerAnalyticsSettingsEntity, CustomersRepository } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import type { CustomerAnalyticsSettingsDto, CustomerAnalyticsSettingsResponse } from './dto/customer-analytics-settings.dto';

/** The company's customer-analytics settings: the defaults until an admin changes them; overseers read them. */
@Injectable()
export class CustomerAnalyticsSettingsService {
  private readonly customers: CustomersRepository;

  constructor(dataSource: DataSource) {
    this.customers = new CustomersRepository(dataSource);
  }

  /** The settings in force, for the analyses. */
  async current(): Promise<CustomerAnalyticsSettings> {
    return this.customers.analyticsSettingsInForce();
  }

  /** The settings as stored, for overseers (the controller's roles): the defaults until an admin changes them. */
  async get(): Promise<CustomerAnalyticsSettingsResponse> {
    return this.responseOf(await this.customers.analyticsSettings());
  }

  /** Replaces the settings, as the admin (the controller's role) `user`. */
  async put(user: AuthUser, dto: CustomerAnalyticsSettingsDto): Promise<CustomerAnalyticsSettingsResponse> {
    const problems = customerAnalyticsSettingsProblems(dto);
    if (problems.length > 0) throw new CustomerException(ErrorCode.VALIDATION_FAILED, 'These settings contradict each other', problems);
    // Stored as plain JSON, not the DTO instances the validation pipe made.
    const settings = JSON.parse(JSON.stringify(dto)) as CustomerAnalyticsSettings;
    const row = { settings, updatedBy: user.userId, updatedAt: new Date() };
    await this.customers.saveAnalyticsSettings(row);
    return this.responseOf(row);
  }

  private responseOf(row: Omit<CustomerAnalyticsSettingsEntity, 'id'> | null): CustomerAnalyticsSettingsResponse {
    return row
      ? { settings: row.settings, changed: true, updatedBy: row.updatedBy, updatedAt: row.updatedAt.toISOString() }
      : { settings: DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, changed: false, updatedBy: null, updatedAt: null };
  }
}
