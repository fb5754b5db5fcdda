import type { DataSource } from 'typeorm';
import { ProjectMemberEntity } from '@accord/persistence';

/** Whom a role stands for in one project. */
export interface RoleInProject {
  projectId: string;
  role: string;
}

/**
 * Resolves a role to the people who hold it in a project (`project_members`), so that an
 * escalation to "the quality lead" reaches this project's quality lead, not everyone who holds
 * the role anywhere. Read-only, so Temporal may retry it freely.
 */
export function createProjectRoleActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /** The project's members in the role, ordered by user id (empty when nobody holds it there). */
    async projectMembersInRole({ projectId, role }: RoleInProject): Promise<string[]> {
      const members = await dataSource
        .getRepository(ProjectMemberEntity)
        .find({ select: { userId: true }, where: { projectId, role }, order: { userId: 'ASC' } });
      return members.map((member) => member.userId);
    },
  };
}
