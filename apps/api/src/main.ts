import { JsonLogger, loadConfig, runProcess } from '@accord/runtime';
import { createApiApp } from './api-app.factory';

async function main(): Promise<void> {
  const config = loadConfig(process.env, ['DATABASE_URL']);
  // With a company's identity provider, the API mints no tokens of its own and needs no secret.
  if (!config.ACCORD_OIDC_ISSUER && !config.ACCORD_JWT_SECRET) throw new Error('ACCORD_JWT_SECRET is required unless ACCORD_OIDC_ISSUER names an identity provider');
  const logger = new JsonLogger('api', config.LOG_LEVEL);
  const app = await createApiApp(config, logger);
  await app.listen(config.PORT);
  logger.entry('info', 'api listening', { url: await app.getUrl(), docs: '/docs' });
}

runProcess('api', main);
