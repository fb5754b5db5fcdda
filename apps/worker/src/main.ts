import type { AddressInfo } from 'node:net';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import { createActivities } from '@accord/activities';
import { createDataSource } from '@accord/persistence';
import pino from 'pino';
import { JsonLogger, loadConfig, runProcess, startTracing, traceLogFields } from '@accord/runtime';
import { Registry } from 'prom-client';
import { createAccordWorker } from './accord-worker';
import { closeWorkerMetrics, freeLoopbackPort, serveWorkerMetrics } from './metrics-server';
import { measuringReadModelLag } from './read-model-lag';
import { LoggingNotificationSender, NotificationDispatcher } from './notification-dispatcher';
import { WebhookDispatcher } from './webhook-dispatcher';
import { SimulationHost } from './simulation-host';

const TEMPORAL_LEVEL: Record<string, TemporalLogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

async function main(): Promise<void> {
  // Until the worker runs there is nothing to drain: a signal during start-up (bundling
  // takes a few seconds) ends the process at once. Runtime's own handlers take over after.
  const exitBeforeRunning = () => process.exit(0);
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, exitBeforeRunning);
  const config = loadConfig(process.env, ['DATABASE_URL']);
  // Before the data source requires pg, so that the instrumentation patches it.
  const tracing = await startTracing(config, 'worker');
  // JSON lines through pino; the entries written through JsonLogger's interface are passed on to it.
  const lines = pino({
    level: config.LOG_LEVEL,
    base: { service: 'worker' },
    mixin: tracing ? traceLogFields : undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  const logger = new JsonLogger('worker', config.LOG_LEVEL, (line) => {
    const {
      level,
      msg,
      time: _time,
      service: _service,
      ...fields
    } = JSON.parse(line) as { level: 'debug' | 'info' | 'warn' | 'error'; msg: string; time: string; service: string };
    lines[level](fields, msg);
  });
  // The SDK's Core serves its metrics on a loopback port; the worker's /metrics passes them on.
  const temporalMetricsPort = config.ACCORD_WORKER_METRICS_PORT === undefined ? undefined : await freeLoopbackPort();
  // Always made, so the activities always observe into it; served only on a metrics port.
  const registry = new Registry();
  Runtime.install({
    ...(temporalMetricsPort === undefined ? {} : { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${temporalMetricsPort}` } } } }),
    // Temporal's tracing interceptor adds `trace_id`, `span_id` and `trace_flags` to an activity's lines; the mixin
    // writes the same trace as `traceId` and `spanId`, the API's spelling, so theirs are left out.
    logger: new DefaultLogger(TEMPORAL_LEVEL[config.LOG_LEVEL], ({ level, message, meta = {} }) => {
      const { trace_id: _traceId, span_id: _spanId, trace_flags: _traceFlags, ...fields } = meta;
      logger.entry(level === 'TRACE' ? 'debug' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error'), message, { ...fields, context: 'temporal' });
    }),
  });

  const dataSource = createDataSource(config.DATABASE_URL, { applicationName: 'accord-worker' });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createAccordWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: measuringReadModelLag(createActivities({ dataSource }), registry),
    tracing,
  });
  for (const signal of SHUTDOWN_SIGNALS) process.removeListener(signal, exitBeforeRunning);
  const metrics =
    config.ACCORD_WORKER_METRICS_PORT === undefined
      ? undefined
      : await serveWorkerMetrics(registry, config.ACCORD_WORKER_METRICS_PORT, `http://127.0.0.1:${temporalMetricsPort}/metrics`, (error) =>
          logger.entry('warn', 'a metrics scrape failed', { error: String(error) }),
        );
  logger.entry('info', 'worker started', {
    taskQueue: worker.options.taskQueue,
    temporal: config.TEMPORAL_ADDRESS,
    ...(metrics ? { metrics: `:${(metrics.server.address() as AddressInfo).port}/metrics` } : {}),
  });
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
  // Only a worker that has the time-skipping test server hosts the simulations admins run from the editor.
  const simulations = config.ACCORD_TEMPORAL_TEST_SERVER
    ? new SimulationHost(dataSource, {
        testServerPath: config.ACCORD_TEMPORAL_TEST_SERVER,
        databaseUrl: config.DATABASE_URL,
        slots: config.ACCORD_SIMULATION_SLOTS,
      })
    : undefined;
  await simulations?.start((error) => logger.entry('warn', 'simulation job failed to run; will retry', { error: String(error) }));
  // Runtime's default shutdown signals (SIGINT, SIGTERM) drain the worker; run() resolves after.
  await worker.run();
  await dispatcher.stop();
  await webhooks.stop();
  await simulations?.stop();
  if (metrics) await closeWorkerMetrics(metrics);
  await connection.close();
  await dataSource.destroy();
  await tracing?.shutdown();
  logger.entry('info', 'worker stopped');
}

runProcess('worker', main);
