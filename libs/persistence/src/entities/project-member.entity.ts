import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user working on a project in one role; a user may hold several. */
@Entity({ name: 'project_members' })
export class ProjectMemberEntity {
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId!: string;

  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  @PrimaryColumn('text')
  role!: string;

  @Column('text', { name: 'added_by' })
  addedBy!: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt!: Date;
}
