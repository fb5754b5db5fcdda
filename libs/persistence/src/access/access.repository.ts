import type { DataSource, EntityManager } from 'typeorm';

/** Who asks: a user and the roles their credential carries. A membership counts only in one of those roles. */
export interface AccessCaller {
  userId: string;
  roles: readonly string[];
}

/**
 * What a membership must be, beyond being in a role the caller's credential confirms:
 * `internal`, in a role the project's definition declares and does not mark external;
 * `starter`, in a role that starts projects of that definition.
 */
export interface MembershipRequirement {
  internal?: boolean;
  starter?: boolean;
}

/**
 * The condition, on a row of `projects` aliased `project`, that the caller holds a membership
 * meeting the requirement: for statements that list or roll up projects and must not ask
 * project by project. `param` binds a value and returns its placeholder.
 */
export function membershipCondition(caller: AccessCaller, requirement: MembershipRequirement, param: (value: unknown) => string, project = 'project'): string {
  if (caller.roles.length === 0) return 'false';
  const byDefinition = requirement.internal || requirement.starter;
  return `EXISTS (SELECT 1 FROM project_members member${
    byDefinition
      ? `\n      JOIN definition_versions version ON version.key = ${project}.definition_key AND version.version = ${project}.definition_version`
      : ''
  }
     WHERE member.project_id = ${project}.id AND member.user_id = ${param(caller.userId)} AND member.role = ANY(${param([...caller.roles])})${
       requirement.internal
         ? `\n       AND version.compiled->'roles' ? member.role AND COALESCE((version.compiled->'roles'->member.role->>'external')::boolean, false) = false`
         : ''
     }${requirement.starter ? `\n       AND version.compiled->'starters' ? member.role` : ''})`;
}

/** A user's membership in a project in one role, with whether the project's definition marks that role external. */
export interface Membership {
  role: string;
  external: boolean;
}

/**
 * The memberships access checks are decided on. Every question is one statement, whatever
 * the number of projects it is asked of, so that lists and roll-ups never ask project by
 * project (the idea of immich's AccessRepository).
 */
export class AccessRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Of these projects, those in which the caller holds a membership meeting the requirement. */
  async checkProjectAccess(caller: AccessCaller, projectIds: readonly string[], requirement: MembershipRequirement = {}): Promise<Set<string>> {
    if (projectIds.length === 0 || caller.roles.length === 0) return new Set();
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const rows: { id: string }[] = await this.db.query(
      `SELECT project.id FROM projects project WHERE project.id = ANY(${param([...projectIds])}) AND ${membershipCondition(caller, requirement, param)}`,
      params,
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The caller's roles in each of these projects that their credential confirms; a project they hold none in is absent. */
  async rolesIn(caller: AccessCaller, projectIds: readonly string[]): Promise<Map<string, string[]>> {
    const roles = new Map<string, string[]>();
    if (projectIds.length === 0 || caller.roles.length === 0) return roles;
    const rows: { project_id: string; roles: string[] }[] = await this.db.query(
      `SELECT project_id, array_agg(role ORDER BY role) AS roles FROM project_members
        WHERE project_id = ANY($1) AND user_id = $2 AND role = ANY($3) GROUP BY project_id`,
      [[...projectIds], caller.userId, [...caller.roles]],
    );
    for (const row of rows) roles.set(row.project_id, row.roles);
    return roles;
  }

  /** The roles a user is a member in, whatever their credential says. */
  membershipsOf(userId: string, projectId: string): Promise<Membership[]> {
    return this.db.query(
      `SELECT member.role, COALESCE((version.compiled->'roles'->member.role->>'external')::boolean, false) AS external
         FROM project_members member
         JOIN projects project ON project.id = member.project_id
         JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
        WHERE member.project_id = $1 AND member.user_id = $2`,
      [projectId, userId],
    );
  }

  /** Whether the project's definition marks the role external (an outside party such as the customer). */
  async isExternalRole(projectId: string, role: string): Promise<boolean> {
    const [row]: { external: boolean }[] = await this.db.query(
      `SELECT COALESCE((version.compiled->'roles'->$2->>'external')::boolean, false) AS external FROM projects project
         JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
        WHERE project.id = $1`,
      [projectId, role],
    );
    return row?.external ?? false;
  }

  /** Everyone who holds a membership, in any role, in any of these projects. */
  async membersOf(projectIds: readonly string[]): Promise<string[]> {
    if (projectIds.length === 0) return [];
    const rows: { user_id: string }[] = await this.db.query(`SELECT DISTINCT user_id FROM project_members WHERE project_id = ANY($1)`, [[...projectIds]]);
    return rows.map((row) => row.user_id);
  }
}
