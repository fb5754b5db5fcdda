import { DefaultLogger, NativeConnection, Runtime, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import { createActivities } from '@accord/activities';
import { createDataSource } from '@accord/persistence';
import { JsonLogger, loadConfig, runProcess } from '@accord/runtime';
import { createAccordWorker } from './accord-worker';
import { LoggingNotificationSender, NotificationDispatcher } from './notification-dispatcher';
import { WebhookDispatcher } from './webhook-dispatcher';

const TEMPORAL_LEVEL: Record<string, TemporalLogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

async function main(): Promise<void> {
  // Until the worker runs there is nothing to drain: a signal during start-up (bundling
  // takes a few seconds) ends the process at once. Runtime's own handlers take over after.
  const exitBeforeRunning = () => process.exit(0);
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, exitBeforeRunning);
  const config = loadConfig(process.env, ['DATABASE_URL']);
  const logger = new JsonLogger('worker', config.LOG_LEVEL);
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVEL[config.LOG_LEVEL], (entry) =>
      logger.entry(entry.level === 'TRACE' ? 'debug' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error'), entry.message, { ...entry.meta, context: 'temporal' }),
    ),
  });

  const dataSource = createDataSource(config.DATABASE_URL, { applicationName: 'accord-worker' });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createAccordWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, activities: createActivities({ dataSource }) });
  for (const signal of SHUTDOWN_SIGNALS) process.removeListener(signal, exitBeforeRunning);
  logger.entry('info', 'worker started', { taskQueue: worker.options.taskQueue, temporal: config.TEMPORAL_ADDRESS });
  const dispatcher = new NotificationDispatcher(dataSource, new LoggingNotificationSender(logger), {
    maxAttempts: config.ACCORD_NOTIFICATION_MAX_ATTEMPTS,
    backoffMs: config.ACCORD_NOTIFICATION_BACKOFF_SECONDS * 1_000,
    backoffCapMs: config.ACCORD_NOTIFICATION_BACKOFF_CAP_SECONDS * 1_000,
    sendTimeoutMs: config.ACCORD_NOTIFICATION_SEND_TIMEOUT_SECONDS * 1_000,
  });
  dispatcher.start((error) => logger.entry('warn', 'notification dispatch failed; will retry', { error: String(error) }));
  const webhooks = new WebhookDispatcher(dataSource, {
    maxAttempts: config.ACCORD_WEBHOOK_MAX_ATTEMPTS,
    backoffMs: config.ACCORD_WEBHOOK_BACKOFF_SECONDS * 1_000,
    backoffCapMs: config.ACCORD_WEBHOOK_BACKOFF_CAP_SECONDS * 1_000,
    sendTimeoutMs: config.ACCORD_WEBHOOK_TIMEOUT_SECONDS * 1_000,
  });
  webhooks.start((error) => logger.entry('warn', 'webhook dispatch failed; will retry', { error: String(error) }));
  // Runtime's default shutdown signals (SIGINT, SIGTERM) drain the worker; run() resolves after.
  await worker.run();
  await dispatcher.stop();
  await webhooks.stop();
  await connection.close();
  await dataSource.destroy();
  logger.entry('info', 'worker stopped');
}

runProcess('worker', main);
