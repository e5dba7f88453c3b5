// Regenerates the rule ids in src/core/config/schema.json (`rules` properties, for completion in
// the editor) from the rules' own metadata. test/unit/config-schema.test.ts fails when they differ.
// Run after `npx tsc -p .`: node scripts/update-config-schema.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ALL_RULES } = require(path.join(root, 'out/src/core/lint/rules/index.js'));
const { SCHEMA_RULES } = require(path.join(root, 'out/src/core/schema/index.js'));
const file = path.join(root, 'src/core/config/schema.json');
const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
const rules = schema.properties.rules;
schema.definitions.ruleSetting = rules.additionalProperties.$ref ? schema.definitions.ruleSetting : rules.additionalProperties;
rules.additionalProperties = { $ref: '#/definitions/ruleSetting' };
rules.properties = {};
for (const meta of [...ALL_RULES.map((r) => r.meta), ...SCHEMA_RULES].sort((a, b) => a.id.localeCompare(b.id))) {
  rules.properties[meta.id] = { $ref: '#/definitions/ruleSetting', description: `${meta.description} (default: ${meta.defaultSeverity})` };
}
fs.writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
console.log(`schema.json: ${Object.keys(rules.properties).length} rule ids`);
