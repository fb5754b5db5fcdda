export * from './customer-analytics-settings';
export * from './customer-facts';
export * from './series-trend';
export * from './customer-classification';
export * from './customer-value-analysis';
export * from './churn-warning';
export * from './churn-watch';
