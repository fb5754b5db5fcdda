import fs from 'node:fs';
import path from 'node:path';
import { AccordHarness } from '../support/accord-harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS with no type declarations: an import would not type-check
const { generateApiTypes, API_TYPES } = require('../../scripts/build-web');

/**
 * The web app's client is typed from the API's OpenAPI document: a changed DTO must change
 * the committed types (and so break the web app's type check), never drift silently.
 * ACCORD_UPDATE_API_TYPES=1 rewrites the file instead of failing.
 */
describe('the web app API types', () => {
  let accord: AccordHarness;

  beforeAll(async () => {
    accord = await AccordHarness.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('match the OpenAPI document the API serves now', async () => {
    const document = await accord.request('GET', '/docs-json');
    expect(document.status).toBe(200);
    const generated: string = generateApiTypes(document.body);
    if (process.env.ACCORD_UPDATE_API_TYPES === '1') fs.writeFileSync(API_TYPES, generated);
    const committed = fs.existsSync(API_TYPES) ? fs.readFileSync(API_TYPES, 'utf8') : '';
    if (committed !== generated) {
      throw new Error(
        `${path.relative(process.cwd(), API_TYPES)} is stale: run \`ACCORD_UPDATE_API_TYPES=1 npm test -- test/browser/api-types.spec.ts\` (or \`npm run web:api-types\` against a running API) and commit it`,
      );
    }
  });
});
