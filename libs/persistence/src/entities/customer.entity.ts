import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer the company runs projects for: named by the first project started for them, or by an import. */
@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  name!: string;

  /** Null for a customer imported before any project was started for them. */
  @Column('timestamptz', { name: 'first_project_at', nullable: true })
  firstProjectAt!: Date | null;
}
