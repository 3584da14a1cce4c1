// Shared by the Gatekeeper release scripts (check-release-gate.mjs,
// report-deployment.mjs): the entity of catalog-info.yaml, read without a
// YAML dependency (the scripts run before `npm ci`).
import { readFileSync } from 'node:fs';

const unquote = v => v.trim().replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2');

/**
 * kind (lower case), metadata.namespace and metadata.name of the first
 * document of `file`; throws an Error saying why when it cannot.
 */
export function readCatalogEntity(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`GATEKEEPER_ENTITY_REF is not set and ${file} cannot be read: ${error.message}`);
  }
  const entity = { kind: 'component', namespace: 'default' };
  let inMetadata = false;
  for (const line of text.split('\n')) {
    if (/^---\s*$/.test(line) && entity.name) break;
    const top = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (top) {
      inMetadata = top[1] === 'metadata';
      if (top[1] === 'kind') entity.kind = unquote(top[2]).toLowerCase();
      continue;
    }
    const field = /^ {2}(name|namespace):\s*(.+)$/.exec(line);
    if (inMetadata && field) entity[field[1]] = unquote(field[2]);
  }
  if (!entity.name) throw new Error(`${file} has no metadata.name`);
  return entity;
}
