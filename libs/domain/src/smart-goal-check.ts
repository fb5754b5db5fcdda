import type { FieldError, SmartGoal } from '@accord/contracts';

const PLACEHOLDER = /^(tbd|tba|todo|n\/?a|none|unknown|to be (defined|decided|confirmed)|x+|\.+|-+|\?+)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const meaningless = (text: unknown): boolean => typeof text !== 'string' || text.trim() === '' || PLACEHOLDER.test(text.trim());
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

/** What a goal set must be checked against: the expectations it may answer and the day it is fixed. */
export interface SmartGoalContext {
  /** Titles of the recorded expectations; a goal must answer at least one of them. */
  expectations?: string[];
  /** YYYY-MM-DD: a deadline before it is already missed. */
  today?: string;
}

/**
 * Every way a goal set falls short of SMART (specific, measurable, achievable, relevant,
 * time-bound), each with the path of the field, such as `goals[1].unit`. Checks meaning,
 * not just presence: placeholders ("TBD", "n/a"), one-word descriptions, a justification
 * that repeats the goal, links to expectations nobody recorded, deadlines already past.
 */
export function smartGoalProblems(goals: SmartGoal[], context: SmartGoalContext = {}): FieldError[] {
  const problems: FieldError[] = [];
  const known = context.expectations ? new Set(context.expectations) : undefined;
  const seen = new Map<string, number>();
  goals.forEach((goal, index) => {
    const at = (field: string) => `goals[${index}].${field}`;
    const fail = (field: string, message: string) => problems.push({ path: at(field), message });

    if (meaningless(goal.specific) || words(goal.specific) < 3) fail('specific', 'must say specifically what will be delivered, in a few words at least');
    else {
      const key = goal.specific.trim().toLowerCase();
      if (seen.has(key)) fail('specific', `repeats goal ${seen.get(key)! + 1}`);
      seen.set(key, index);
    }
    if (meaningless(goal.metric)) fail('metric', 'must name what is measured');
    if (typeof goal.target !== 'number' || !Number.isFinite(goal.target)) fail('target', 'must be a number to measure against');
    if (meaningless(goal.unit)) fail('unit', 'must give the unit of the target');
    if (meaningless(goal.achievability) || words(goal.achievability) < 3) fail('achievability', 'must justify why the company can achieve it');
    else if (goal.achievability.trim().toLowerCase() === goal.specific?.trim().toLowerCase()) fail('achievability', 'must justify the goal, not repeat it');
    if (!Array.isArray(goal.expectations) || goal.expectations.length === 0) fail('expectations', 'must link at least one customer expectation');
    else if (known) {
      goal.expectations.forEach((title, linked) => {
        if (!known.has(title)) problems.push({ path: `${at('expectations')}[${linked}]`, message: `"${title}" is not a recorded expectation` });
      });
    }
    if (typeof goal.deadline !== 'string' || !DATE.test(goal.deadline)) fail('deadline', 'must be a date (YYYY-MM-DD)');
    else if (context.today && goal.deadline < context.today) fail('deadline', `is already past (${context.today})`);
  });
  return problems;
}

/** Whether a measured value reaches a goal's target in its direction (at least, by default). */
export function goalReached(goal: Pick<SmartGoal, 'target' | 'direction'>, actual: number): boolean {
  return goal.direction === 'at-most' ? actual <= goal.target : actual >= goal.target;
}
