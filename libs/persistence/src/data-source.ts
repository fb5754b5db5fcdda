import { DataSource } from 'typeorm';
import { AuditEventEntity } from './entities/audit-event.entity';
import { DefinitionDraftEntity } from './entities/definition-draft.entity';
import { DefinitionVersionEntity } from './entities/definition-version.entity';
import { ProjectEntity } from './entities/project.entity';
import { TaskEntity } from './entities/task.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { DefinitionRegistry1764100000000 } from './migrations/1764100000000-definition-registry';
import { NotificationOutbox1764200000000 } from './migrations/1764200000000-notification-outbox';
import { TaskClaims1764300000000 } from './migrations/1764300000000-task-claims';
import { InboxIndexes1764400000000 } from './migrations/1764400000000-inbox-indexes';
import { ProjectMembers1764500000000 } from './migrations/1764500000000-project-members';
import { TaskPauses1764600000000 } from './migrations/1764600000000-task-pauses';
import { ProjectMemberEntity } from './entities/project-member.entity';
import { NotificationEntity } from './entities/notification.entity';
import { ExpectationDocumentEntity } from './entities/expectation-document.entity';
import { BaselineEntity } from './entities/baseline.entity';
import { MetricReadingEntity } from './entities/metric-reading.entity';
import { ProjectEventEntity } from './entities/project-event.entity';
import { KpiReportEntity } from './entities/kpi-report.entity';
import { ExpectationManagement1764700000000 } from './migrations/1764700000000-expectation-management';
import { FeedbackLinkEntity } from './entities/feedback-link.entity';
import { FeedbackLinks1764800000000 } from './migrations/1764800000000-feedback-links';
import { MeetingAgendas1764900000000 } from './migrations/1764900000000-meeting-agendas';
import { ProjectTeams1765000000000 } from './migrations/1765000000000-project-teams';
import { DeviationAnalysisEntity } from './entities/deviation-analysis.entity';
import { DeviationAnalyses1765100000000 } from './migrations/1765100000000-deviation-analyses';
import { MeetingEntity } from './entities/meeting.entity';
import { ActionItemEntity } from './entities/action-item.entity';
import { Meetings1765200000000 } from './migrations/1765200000000-meetings';
import { ExpectationEntity } from './entities/expectation.entity';
import { Expectations1765300000000 } from './migrations/1765300000000-expectations';
import { CustomerEntity } from './entities/customer.entity';
import { Customers1765400000000 } from './migrations/1765400000000-customers';
import { IncidentEntity } from './entities/incident.entity';
import { Incidents1765500000000 } from './migrations/1765500000000-incidents';
import { NotificationDelivery1765600000000 } from './migrations/1765600000000-notification-delivery';
import { TaskChangeNotices1765800000000 } from './migrations/1765800000000-task-change-notices';
import { TaskSubmitters1765900000000 } from './migrations/1765900000000-task-submitters';
import { CustomerRequirementEntity } from './entities/customer-requirement.entity';
import { CustomerRequirements1766000000000 } from './migrations/1766000000000-customer-requirements';
import { CustomerProfiles1766100000000 } from './migrations/1766100000000-customer-profiles';
import { CustomersWithoutProjects1766200000000 } from './migrations/1766200000000-customers-without-projects';
import { CustomerProfileEntity } from './entities/customer-profile.entity';
import { CustomerContractValueEntity } from './entities/customer-contract-value.entity';
import { CustomerAnalyticsSettingsEntity } from './entities/customer-analytics-settings.entity';
import { Webhooks1766300000000 } from './migrations/1766300000000-webhooks';
import { SimulationJobs1766800000000 } from './migrations/1766800000000-simulation-jobs';
import { EscalationAuditIndex1766900000000 } from './migrations/1766900000000-escalation-audit-index';
import { CustomerChurnWatch1766400000000 } from './migrations/1766400000000-customer-churn-watch';
import { RateLimits1766500000000 } from './migrations/1766500000000-rate-limits';
import { IdempotencyKeys1766600000000 } from './migrations/1766600000000-idempotency-keys';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';

export const ENTITIES = [
  ProjectEntity,
  TaskEntity,
  AuditEventEntity,
  DefinitionVersionEntity,
  DefinitionDraftEntity,
  NotificationEntity,
  ProjectMemberEntity,
  ExpectationDocumentEntity,
  BaselineEntity,
  MetricReadingEntity,
  ProjectEventEntity,
  KpiReportEntity,
  FeedbackLinkEntity,
  DeviationAnalysisEntity,
  MeetingEntity,
  ActionItemEntity,
  ExpectationEntity,
  CustomerEntity,
  IncidentEntity,
  CustomerProfileEntity,
  CustomerContractValueEntity,
  CustomerAnalyticsSettingsEntity,
  CustomerRequirementEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  DefinitionRegistry1764100000000,
  NotificationOutbox1764200000000,
  TaskClaims1764300000000,
  InboxIndexes1764400000000,
  ProjectMembers1764500000000,
  TaskPauses1764600000000,
  ExpectationManagement1764700000000,
  FeedbackLinks1764800000000,
  MeetingAgendas1764900000000,
  ProjectTeams1765000000000,
  DeviationAnalyses1765100000000,
  Meetings1765200000000,
  Expectations1765300000000,
  Customers1765400000000,
  Incidents1765500000000,
  NotificationDelivery1765600000000,
  TaskChangeNotices1765800000000,
  TaskSubmitters1765900000000,
  CustomerRequirements1766000000000,
  CustomerProfiles1766100000000,
  CustomersWithoutProjects1766200000000,
  Webhooks1766300000000,
  CustomerChurnWatch1766400000000,
  RateLimits1766500000000,
  IdempotencyKeys1766600000000,
  SimulationJobs1766800000000,
  EscalationAuditIndex1766900000000,
];

/** A PostgreSQL data source for Accord's schema; schema changes only through MIGRATIONS. */
export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'accord',
  });
}

/** Applies pending migrations; returns the names of those it ran. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((migration) => migration.name);
}
