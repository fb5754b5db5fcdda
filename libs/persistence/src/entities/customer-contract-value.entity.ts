import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A contract value a customer's profile was given, kept so that the value trend reads what held when. */
@Entity({ name: 'customer_contract_values' })
export class CustomerContractValueEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text', { name: 'customer_key' })
  customerKey!: string;

  @Column('double precision', { nullable: true })
  value!: number | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;
}
