import { DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from './customer-analytics-settings';
import { aCustomer, daysAgo, NOW, settingsWith } from './customer-facts.builder';
import { churnWarning } from './churn-warning';

const record = (id: string, days: number) => ({ id, projectId: 'p1', at: daysAgo(days) });
const signal = (warning: ReturnType<typeof churnWarning>, name: string) => warning.signals.find((candidate) => candidate.name === name)!;

describe(churnWarning.name, () => {
  it('scores a quiet, content customer 0 without a warning', () => {
    expect(churnWarning(aCustomer(), DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, NOW)).toMatchObject({ score: 0, warning: false });
  });

  it('counts falling satisfaction by the points lost, naming the readings', () => {
    const satisfaction = [
      { id: 'r1', at: daysAgo(150), value: 4.5 },
      { id: 'r2', at: daysAgo(10), value: 4 },
    ];
    const sut = signal(churnWarning(aCustomer({ satisfaction }), DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, NOW), 'fallingSatisfaction');
    expect(sut).toMatchObject({ weight: 0.3, measured: 0.5, value: 0.5, from: [{ id: 'r1' }, { id: 'r2' }] });
  });

  it('counts only deviations within the window', () => {
    const sut = signal(
      churnWarning(aCustomer({ deviations: [record('d1', 10), record('d2', 400)] }), DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, NOW),
      'scheduleDeviations',
    );
    expect(sut).toMatchObject({ measured: 1, from: [{ id: 'd1', projectId: 'p1' }] });
  });

  it('measures silence in days since the last activity', () => {
    const sut = signal(churnWarning(aCustomer({ lastActivityAt: daysAgo(30) }), DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, NOW), 'silence');
    expect(sut).toMatchObject({ measured: 30, value: 0.5, fullAt: 60 });
  });

  it('warns once the weighted score is over the threshold', () => {
    const troubled = aCustomer({
      openComplaints: [record('c1', 5), record('c2', 3)],
      overdueActionItems: [record('a1', 2), record('a2', 1)],
      deviations: [record('d1', 5), record('d2', 4), record('d3', 3)],
    });
    const sut = churnWarning(troubled, DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, NOW);
    expect(sut.score).toBeCloseTo(0.55);
    expect(sut.warning).toBe(true);
  });

  it('changes with the weights and the threshold of the settings', () => {
    const complaining = aCustomer({ openComplaints: [record('c1', 5)] });
    expect(churnWarning(complaining, DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, NOW)).toMatchObject({ score: 0.1, warning: false });
    const strict = settingsWith((s) => {
      s.churn.signals.openComplaints = { weight: 1, fullAt: 1 };
      s.churn.threshold = 0.4;
    });
    expect(churnWarning(complaining, strict, NOW).score).toBeCloseTo(1 / 1.8);
    expect(churnWarning(complaining, strict, NOW).warning).toBe(true);
  });
});
