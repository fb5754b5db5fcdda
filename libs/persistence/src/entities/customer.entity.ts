import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer the company runs projects for: named by the first project started for them. */
@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryColumn('text')
  key!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { name: 'first_project_at' })
  firstProjectAt!: Date;
}
