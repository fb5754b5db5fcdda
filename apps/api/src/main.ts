import { Logger } from 'nestjs-pino';
import { loadConfig, runProcess, startTracing } from '@accord/runtime';

async function main(): Promise<void> {
  // ACCORD_JWT_SECRET is not needed when ACCORD_OIDC_ISSUER names the company's identity provider.
  const config = loadConfig(process.env, ['DATABASE_URL', 'ACCORD_JWT_SECRET']);
  // The instrumentations patch http, Express and pg as they are required: the app is loaded after them.
  const tracing = await startTracing(config, 'api');
  const { createApiApp } = await import('./api-app.factory');
  const app = await createApiApp(config);
  // Nest closes the app on these signals and then raises them again; the spans still buffered leave meanwhile.
  if (tracing) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void tracing.shutdown());
  await app.listen(config.PORT);
  app.get(Logger).log({ msg: 'api listening', url: await app.getUrl(), docs: '/docs' }, 'NestApplication');
}

runProcess('api', main);
