import { conditionEnvironment, conditionProblem, evaluateCondition } from './condition-expression';

describe(conditionProblem.name, () => {
  const env = conditionEnvironment({ deviation: 'number', phase: 'string', signed: 'boolean' });

  it('accepts a boolean condition over declared variables and built-in names', () => {
    expect(conditionProblem(env, 'deviation > 0.1 && phase == "implementation"')).toBeUndefined();
    expect(conditionProblem(env, 'steps.sign.outcome == "approve"')).toBeUndefined();
  });

  it('names an unknown variable', () => {
    expect(conditionProblem(env, 'deviaton > 0.1')).toBe('Unknown variable: deviaton');
  });

  it('reports a syntax error', () => {
    expect(conditionProblem(env, 'deviation >')).toMatch(/Unexpected token/);
  });

  it('refuses an expression that is not a condition', () => {
    expect(conditionProblem(env, 'deviation * 2.0')).toBe('must be true or false, not double');
  });
});

describe(evaluateCondition.name, () => {
  const env = conditionEnvironment({ deviation: 'number', count: 'integer' });

  it('evaluates against process data', () => {
    expect(evaluateCondition(env, 'deviation > 0.1 && count >= 2', { deviation: 0.15, count: 2, steps: {}, stage: {}, project: {} })).toBe(true);
    expect(evaluateCondition(env, 'deviation > 0.1', { deviation: 0.05, count: 0, steps: {}, stage: {}, project: {} })).toBe(false);
  });

  it('treats a condition over missing data as not met', () => {
    expect(evaluateCondition(env, 'steps.sign.outcome == "approve"', { deviation: 0, count: 0, steps: {}, stage: {}, project: {} })).toBe(false);
  });
});
