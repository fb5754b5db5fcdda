import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A contact person at the customer. */
export interface CustomerContact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** Who the customer is beyond their name: industry, size, region, contacts and contract value (R-REV-7). */
@Entity({ name: 'customer_profiles' })
export class CustomerProfileEntity {
  @PrimaryColumn('text', { name: 'customer_key' })
  customerKey!: string;

  @Column('text', { nullable: true })
  industry!: string | null;

  @Column('text', { nullable: true })
  size!: string | null;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('double precision', { name: 'annual_contract_value', nullable: true })
  annualContractValue!: number | null;

  @Column('jsonb')
  contacts!: CustomerContact[];

  @Column('text', { name: 'updated_by' })
  updatedBy!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
