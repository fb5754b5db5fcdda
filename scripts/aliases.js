// The one alias map for `@accord/*`: tsconfig.json mirrors it for the type checker,
// Jest, the swc build and the Temporal workflow bundler all read it from here.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const libs = ['contracts', 'definitions', 'approvals', 'domain', 'persistence', 'activities', 'runtime', 'simulation'];

/** alias -> absolute directory of the library's sources (or built output under `base`). */
function aliases(base = root) {
  return Object.fromEntries(libs.map((name) => [`@accord/${name}`, path.join(base, 'libs', name, 'src')]));
}

module.exports = { root, libs, aliases };
