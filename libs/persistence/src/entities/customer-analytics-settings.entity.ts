import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustomerAnalyticsSettings } from '@accord/domain';

/** The company's customer-analytics settings: one row, absent until an admin first changes them. */
@Entity({ name: 'customer_analytics_settings' })
export class CustomerAnalyticsSettingsEntity {
  @PrimaryColumn('smallint')
  id!: number;

  @Column('jsonb')
  settings!: CustomerAnalyticsSettings;

  @Column('text', { name: 'updated_by' })
  updatedBy!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
