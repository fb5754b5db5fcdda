import { DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from './customer-analytics-settings';
import { aCustomer, aProject, daysAgo, NOW } from './customer-facts.builder';
import { analyseCustomerValue } from './customer-value-analysis';

const settings = DEFAULT_CUSTOMER_ANALYTICS_SETTINGS.trend;

describe(analyseCustomerValue.name, () => {
  it('counts the projects by outcome, naming them', () => {
    const projects = [
      aProject({ id: 'a', status: 'completed' }),
      aProject({ id: 'b', status: 'cancelled' }),
      aProject({ id: 'c', status: 'rejected' }),
      aProject({ id: 'd' }),
    ];
    expect(analyseCustomerValue(aCustomer({ projects }), settings, NOW).outcomes).toEqual({
      running: ['d'],
      completed: ['a'],
      cancelled: ['b'],
      rejected: ['c'],
      failed: [],
    });
  });

  it('gives the ratio of goals met, or none when no goal was set', () => {
    expect(analyseCustomerValue(aCustomer({ goals: { set: 4, met: 3 } }), settings, NOW).goalsMetRatio).toBe(0.75);
    expect(analyseCustomerValue(aCustomer(), settings, NOW).goalsMetRatio).toBeNull();
  });

  it('reads the contract value trend from the value in force at the window start to the value now', () => {
    const contractValues = [
      { id: 'v1', at: daysAgo(400), value: 100_000 },
      { id: 'v2', at: daysAgo(30), value: 60_000 },
    ];
    const sut = analyseCustomerValue(aCustomer({ contractValue: 60_000, contractValues }), settings, NOW);
    expect(sut.trends.contractValue).toMatchObject({ direction: 'falling', earlier: 100_000, later: 60_000 });
    expect(sut.trends.contractValue.figures.map((figure) => figure.id)).toEqual(['v1', 'v2', 'v2']);
  });

  it('gives the satisfaction trend over the configured months', () => {
    const satisfaction = [
      { id: 'r1', at: daysAgo(60), value: 3 },
      { id: 'r2', at: daysAgo(5), value: 4.5 },
    ];
    expect(analyseCustomerValue(aCustomer({ satisfaction }), settings, NOW).trends.satisfaction.direction).toBe('unknown');
    expect(analyseCustomerValue(aCustomer({ satisfaction }), { ...settings, months: 3 }, NOW).trends.satisfaction).toMatchObject({
      direction: 'rising',
      earlier: 3,
      later: 4.5,
    });
  });
});
