import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CompiledDefinition } from '@accord/contracts';
import { AccessRepository, type Membership, membershipCondition, type MembershipRequirement } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { ErrorCode, ProjectException } from '../errors/accord.exception';

/**
 * read: see it; read-internal: its audit trail; read-team-settings: what its team administers
 * (whether a public feedback link exists); act: raise events in it (members only: overseers
 * watch, not act); manage-team.
 */
export type ProjectRight = 'read' | 'read-internal' | 'read-team-settings' | 'act' | 'manage-team';

/** The membership each right needs of someone who does not hold it by their role alone. */
const MEMBERSHIP_FOR: Record<ProjectRight, MembershipRequirement> = {
  read: {},
  act: {},
  'read-internal': { internal: true },
  // Managing the team, and reading what it sets up: the roles that start projects of the definition.
  'read-team-settings': { starter: true },
  'manage-team': { starter: true },
};

/**
 * Who may do what in a project. Overseers (admin, auditor) read every project; everyone
 * else needs to be a member, in a role their token also carries. Internal records (the
 * audit trail) need an internal role, so a customer sees only what is addressed to them;
 * the roles that may start projects of a definition manage their team, and overseers read
 * what it sets up as they read the rest. The memberships come from AccessRepository, one
 * statement per question.
 */
@Injectable()
export class ProjectAccessService {
  private readonly memberships: AccessRepository;

  constructor(dataSource: DataSource) {
    this.memberships = new AccessRepository(dataSource);
  }

  /** The caller's roles in the project: memberships their token confirms. */
  async rolesIn(user: AuthUser, projectId: string): Promise<string[]> {
    return (await this.memberships.rolesIn(user, [projectId])).get(projectId) ?? [];
  }

  /** Whether the project's definition marks the role external (an outside party such as the customer). */
  isExternalRole(projectId: string, role: string): Promise<boolean> {
    return this.memberships.isExternalRole(projectId, role);
  }

  /** The roles a user is a member in, whatever their token says, each with whether the definition marks it external. */
  membershipsOf(userId: string, projectId: string): Promise<Membership[]> {
    return this.memberships.membershipsOf(userId, projectId);
  }

  /** Whether the caller has the right in every project by their role alone: overseers read all. */
  holdsEverywhere(user: AuthUser, right: ProjectRight): boolean {
    return isOverseer(user) && (right === 'read' || right === 'read-internal' || right === 'read-team-settings');
  }

  /** The read rule as a condition on a projects row aliased `project`; undefined when the caller reads them all. */
  readableCondition(user: AuthUser, project: string, param: (value: unknown) => string): string | undefined {
    return this.holdsEverywhere(user, 'read') ? undefined : membershipCondition(user, MEMBERSHIP_FOR.read, param, project);
  }

  /** Whether the caller, a member in `roles` (their confirmed memberships in the project), has the right in it. */
  allows(user: AuthUser, roles: readonly string[], right: ProjectRight, definition: CompiledDefinition): boolean {
    if (this.holdsByRole(user, right)) return true;
    const { internal, starter } = MEMBERSHIP_FOR[right];
    return roles.some(
      (role) => (!internal || (definition.roles[role] && !definition.roles[role].external)) && (!starter || definition.starters.includes(role)),
    );
  }

  /** Refuses the caller, a member in `roles` (their confirmed memberships in the project), without the right. */
  assertAllowed(user: AuthUser, roles: readonly string[], right: ProjectRight, definition: CompiledDefinition): void {
    if (!this.allows(user, roles, right, definition)) throw refusal(right, definition);
  }

  private holdsByRole(user: AuthUser, right: ProjectRight): boolean {
    return this.holdsEverywhere(user, right) || (right === 'manage-team' && user.roles.includes('admin'));
  }
}

function refusal(right: ProjectRight, definition: CompiledDefinition): ProjectException {
  const needs =
    right === 'read' || right === 'act'
      ? 'a member of this project'
      : right === 'read-internal'
        ? 'a member of this project in an internal role'
        : `a member of this project as ${definition.starters.join(' or ')}`;
  return new ProjectException(ErrorCode.FORBIDDEN, `This needs ${needs}`);
}
