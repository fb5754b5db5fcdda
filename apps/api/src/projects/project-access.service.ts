import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CompiledDefinition } from '@accord/contracts';
import { ProjectMemberEntity } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { ErrorCode, ProjectException } from '../errors/accord.exception';

/**
 * read: see it; read-internal: its audit trail; read-team-settings: what its team administers
 * (whether a public feedback link exists); act: raise events in it (members only: overseers
 * watch, not act); manage-team.
 */
export type ProjectRight = 'read' | 'read-internal' | 'read-team-settings' | 'act' | 'manage-team';

/**
 * Who may do what in a project. Overseers (admin, auditor) read every project; everyone
 * else needs to be a member, in a role their token also carries. Internal records (the
 * audit trail) need an internal role, so a customer sees only what is addressed to them;
 * the roles that may start projects of a definition manage their team, and overseers read
 * what it sets up as they read the rest.
 */
@Injectable()
export class ProjectAccessService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's roles in the project: memberships their token confirms. */
  async rolesIn(user: AuthUser, projectId: string): Promise<string[]> {
    if (user.roles.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(ProjectMemberEntity)
      .createQueryBuilder('member')
      .select('member.role', 'role')
      .where('member.project_id = :projectId AND member.user_id = :userId AND member.role = ANY(:roles)', { projectId, userId: user.userId, roles: user.roles })
      .getRawMany<{ role: string }>();
    return rows.map((row) => row.role);
  }

  /** Whether the project's definition marks the role external (an outside party such as the customer). */
  async isExternalRole(projectId: string, role: string): Promise<boolean> {
    const [row]: { external: boolean }[] = await this.dataSource.query(
      `SELECT COALESCE((version.compiled->'roles'->$2->>'external')::boolean, false) AS external FROM projects project
         JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
        WHERE project.id = $1`,
      [projectId, role],
    );
    return row?.external ?? false;
  }

  /** The roles a user is a member in, whatever their token says, each with whether the definition marks it external. */
  async membershipsOf(userId: string, projectId: string): Promise<{ role: string; external: boolean }[]> {
    return this.dataSource.query(
      `SELECT member.role, COALESCE((version.compiled->'roles'->member.role->>'external')::boolean, false) AS external
         FROM project_members member
         JOIN projects project ON project.id = member.project_id
         JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
        WHERE member.project_id = $1 AND member.user_id = $2`,
      [projectId, userId],
    );
  }

  /** Whether the caller has the right in every project by their role alone: overseers read all. */
  holdsEverywhere(user: AuthUser, right: ProjectRight): boolean {
    return isOverseer(user) && (right === 'read' || right === 'read-internal' || right === 'read-team-settings');
  }

  /**
   * The read rule of `assert` as a condition on a projects row (`projectId` is its id column),
   * for lists that must not ask project by project; undefined when the caller reads them all.
   */
  readableCondition(user: AuthUser, projectId: string, param: (value: unknown) => string): string | undefined {
    if (this.holdsEverywhere(user, 'read')) return undefined;
    if (user.roles.length === 0) return 'false';
    return `EXISTS (SELECT 1 FROM project_members member WHERE member.project_id = ${projectId} AND member.user_id = ${param(user.userId)} AND member.role = ANY(${param(user.roles)}))`;
  }

  /** Whether the caller has the right in the project. */
  async may(user: AuthUser, projectId: string, right: ProjectRight, definition: CompiledDefinition): Promise<boolean> {
    if (this.holdsEverywhere(user, right)) return true;
    if (right === 'manage-team' && user.roles.includes('admin')) return true;
    const roles = await this.rolesIn(user, projectId);
    return right === 'read' || right === 'act'
      ? roles.length > 0
      : right === 'read-internal'
        ? roles.some((role) => definition.roles[role] && !definition.roles[role].external)
        : // manage-team, and reading what it sets up: the roles that start projects of the definition.
          roles.some((role) => definition.starters.includes(role));
  }

  async assert(user: AuthUser, projectId: string, right: ProjectRight, definition: CompiledDefinition): Promise<void> {
    if (!(await this.may(user, projectId, right, definition))) {
      const needs = right === 'read' || right === 'act' ? 'a member of this project' : right === 'read-internal' ? 'a member of this project in an internal role' : `a member of this project as ${definition.starters.join(' or ')}`;
      throw new ProjectException(ErrorCode.FORBIDDEN, `This needs ${needs}`);
    }
  }
}
