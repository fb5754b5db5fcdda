import { DEFAULT_CUSTOMER_ANALYTICS_SETTINGS, type CustomerAnalyticsSettings } from './customer-analytics-settings';
import type { CustomerFacts, CustomerProjectFact } from './customer-facts';

// Builders for the analyses' specs: a customer with nothing but what a test names.

export const NOW = new Date('2026-12-01T12:00:00Z');
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

let projects = 0;

export function aProject(overrides: Partial<CustomerProjectFact> = {}): CustomerProjectFact {
  projects += 1;
  return { id: `p-${projects}`, status: 'running', startedAt: daysAgo(100), finishedAt: null, ...overrides };
}

export function aCustomer(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    projects: [aProject()],
    contractValue: null,
    contractValues: [],
    satisfaction: [],
    goals: { set: 0, met: 0 },
    deviations: [],
    openComplaints: [],
    overdueActionItems: [],
    lastActivityAt: NOW,
    ...overrides,
  };
}

export function settingsWith(change: (settings: CustomerAnalyticsSettings) => void): CustomerAnalyticsSettings {
  const settings = structuredClone(DEFAULT_CUSTOMER_ANALYTICS_SETTINGS);
  change(settings);
  return settings;
}
