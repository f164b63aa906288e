// Bus routing derived from the event registry (shared/src/events/eventRegistry.ts), for the
// serverless.yml files: `${file(../../shared/infra/eventRouting.js):inbox.<service>}` is what that
// service's inbox rule matches, `:source.<service>` the source of the events it publishes.
// tsx compiles the registry on the fly, so the TypeScript file stays the only copy.
const path = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

const registry = tsxRequire(path.join(__dirname, '../src/events/eventRegistry.ts'), __filename);

module.exports = {
  inbox: Object.fromEntries(registry.serviceNames.map((name) => [name, registry.inboxPatternOf(name)])),
  source: Object.fromEntries(registry.serviceNames.map((name) => [name, registry.sourceOf(name)])),
};
