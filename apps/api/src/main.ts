import { Logger } from 'nestjs-pino';
import { loadConfig, runProcess } from '@accord/runtime';
import { createApiApp } from './api-app.factory';

async function main(): Promise<void> {
  // ACCORD_JWT_SECRET is not needed when ACCORD_OIDC_ISSUER names the company's identity provider.
  const config = loadConfig(process.env, ['DATABASE_URL', 'ACCORD_JWT_SECRET']);
  const app = await createApiApp(config);
  await app.listen(config.PORT);
  app.get(Logger).log({ msg: 'api listening', url: await app.getUrl(), docs: '/docs' }, 'NestApplication');
}

runProcess('api', main);
