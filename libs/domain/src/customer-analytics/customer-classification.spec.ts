import { DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from './customer-analytics-settings';
import { aCustomer, aProject, daysAgo, NOW, settingsWith } from './customer-facts.builder';
import { classifyCustomer } from './customer-classification';

const settings = DEFAULT_CUSTOMER_ANALYTICS_SETTINGS.classification;

describe(classifyCustomer.name, () => {
  it('classes by contract value against the value thresholds when the profile gives one', () => {
    const sut = classifyCustomer(aCustomer({ contractValue: 150_000 }), settings, NOW);
    expect(sut).toMatchObject({ abc: 'A', basis: 'contract-value', figure: 150_000, thresholds: { a: 100_000, b: 20_000 }, label: 'A/active' });
  });

  it('classes by number of projects, and says so, when no contract value was given', () => {
    const sut = classifyCustomer(aCustomer({ projects: [aProject(), aProject()] }), settings, NOW);
    expect(sut).toMatchObject({ abc: 'B', basis: 'project-count', figure: 2, thresholds: { a: 5, b: 2 } });
  });

  it('follows the thresholds of the settings', () => {
    const customer = aCustomer({ contractValue: 50_000 });
    expect(classifyCustomer(customer, settings, NOW).abc).toBe('B');
    expect(classifyCustomer(customer, settingsWith((s) => (s.classification.valueThresholds = { a: 40_000, b: 10_000 })).classification, NOW).abc).toBe('A');
  });

  it('is active while a project runs, naming it', () => {
    const running = aProject({ id: 'p-running' });
    expect(classifyCustomer(aCustomer({ projects: [running] }), settings, NOW)).toMatchObject({ stage: 'active', stageFrom: { running: ['p-running'] } });
  });

  it('is a prospect while nothing was ever completed and nothing runs', () => {
    const rejected = aProject({ status: 'rejected', finishedAt: daysAgo(10) });
    expect(classifyCustomer(aCustomer({ projects: [rejected] }), settings, NOW).stage).toBe('prospect');
  });

  it('turns dormant after the dormant days since the last completed project, then lost', () => {
    const endedAgo = (days: number) => aCustomer({ projects: [aProject({ status: 'completed', finishedAt: daysAgo(days) })] });
    expect(classifyCustomer(endedAgo(30), settings, NOW).stage).toBe('active');
    expect(classifyCustomer(endedAgo(120), settings, NOW)).toMatchObject({ stage: 'dormant', stageFrom: { daysSinceLastEnd: 120 } });
    expect(classifyCustomer(endedAgo(400), settings, NOW).stage).toBe('lost');
  });
});
