import fs from 'node:fs';
import path from 'node:path';

/** The path the API serves the web app under; every other path stays the API's. */
export const WEB_APP_PATH = '/app';

/**
 * Where the built web app lies: `dist/web` of the repository, found from this file whether
 * it runs from source (tests) or compiled under dist/ (`npm start`, the Docker image).
 */
export function webAppDirectory(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'web');
    if (path.dirname(dir) === dir) return path.resolve('dist', 'web');
  }
}
