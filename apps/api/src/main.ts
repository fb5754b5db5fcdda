import { JsonLogger, loadConfig, runProcess } from '@accord/runtime';
import { createApiApp } from './api-app.factory';

async function main(): Promise<void> {
  // ACCORD_JWT_SECRET is not needed when ACCORD_OIDC_ISSUER names the company's identity provider.
  const config = loadConfig(process.env, ['DATABASE_URL', 'ACCORD_JWT_SECRET']);
  const logger = new JsonLogger('api', config.LOG_LEVEL);
  const app = await createApiApp(config, logger);
  await app.listen(config.PORT);
  logger.entry('info', 'api listening', { url: await app.getUrl(), docs: '/docs' });
}

runProcess('api', main);
