import type { IncentiveLevel, IncentiveRecommendation, ProjectKpis } from '@accord/contracts';

/** One project's KPI report: final once assessed, else as recorded so far. */
export interface ReportedProjectKpis {
  projectId: string;
  final: boolean;
  kpis: ProjectKpis;
  incentives: IncentiveRecommendation[];
}

/**
 * KPIs over several projects, a team's (R-EXP-10 "per team") or a customer's: the project
 * KPIs combined (counts summed, goals met over all goals set, scores and rates as the mean
 * over the projects that have them), with how many projects there are and how many were assessed.
 */
export interface RolledUpKpis extends ProjectKpis {
  projects: number;
  assessed: number;
}

/** How one person fared across the team's assessed projects. */
export interface TeamMemberIncentives {
  member: string;
  projects: number;
  levels: Record<IncentiveLevel, number>;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function mean(values: (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : round(known.reduce((sum, value) => sum + value, 0) / known.length);
}

const sum = (projects: ReportedProjectKpis[], pick: (kpis: ProjectKpis) => number) => projects.reduce((total, project) => total + pick(project.kpis), 0);

/**
 * Rolls project KPIs up: counts add up, goals met are counted over all goals set,
 * and rates and scores are the mean over the projects that have them, so a large project
 * weighs as much as a small one.
 */
export function rollUpKpis(projects: ReportedProjectKpis[]): RolledUpKpis {
  const goalsSet = sum(projects, (kpis) => kpis.goalsSet);
  const goalsMet = sum(projects, (kpis) => kpis.goalsMet);
  const team: RolledUpKpis = {
    projects: projects.length,
    assessed: projects.filter((project) => project.final).length,
    goalsSet,
    goalsMet,
    feedbackItems: sum(projects, (kpis) => kpis.feedbackItems),
    complaints: sum(projects, (kpis) => kpis.complaints),
    deviationBreaches: sum(projects, (kpis) => kpis.deviationBreaches),
    changeRequests: sum(projects, (kpis) => kpis.changeRequests),
  };
  const means = {
    satisfactionScore: mean(projects.map((project) => project.kpis.satisfactionScore)),
    scheduleDeviation: mean(projects.map((project) => project.kpis.scheduleDeviation)),
    nonConformityRate: mean(projects.map((project) => project.kpis.nonConformityRate)),
    feedbackResponseHours: mean(projects.map((project) => project.kpis.feedbackResponseHours)),
  };
  for (const [name, value] of Object.entries(means) as [keyof typeof means, number | undefined][]) if (value !== undefined) team[name] = value;
  if (goalsSet > 0) team.goalsMetRatio = round(goalsMet / goalsSet);
  return team;
}

/** Each member's incentive recommendations across the team's projects, most rewarded first. */
export function tallyTeamIncentives(projects: ReportedProjectKpis[]): TeamMemberIncentives[] {
  const byMember = new Map<string, TeamMemberIncentives>();
  for (const recommendation of projects.flatMap((project) => project.incentives)) {
    const tally = byMember.get(recommendation.member) ?? { member: recommendation.member, projects: 0, levels: { reward: 0, standard: 0, coaching: 0 } };
    tally.projects += 1;
    tally.levels[recommendation.level] += 1;
    byMember.set(recommendation.member, tally);
  }
  return [...byMember.values()].sort((a, b) => b.levels.reward - a.levels.reward || a.levels.coaching - b.levels.coaching || a.member.localeCompare(b.member));
}
