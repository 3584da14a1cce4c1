// Writes the generated fleet (GK_REPLICAS_FLEET_SIZE components owned by
// platform-team) to GK_REPLICAS_FLEET, read by both replicas' catalogs. Each
// waives its failing canary-analysis gate, so every evaluation of a fleet
// component leaves one waiver-use audit line in its replica's log.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const size = Number(process.env.GK_REPLICAS_FLEET_SIZE ?? 40);
const file = process.env.GK_REPLICAS_FLEET;
const docs = Array.from({ length: size }, (_, i) => {
  const name = `fleet-${String(i + 1).padStart(3, '0')}`;
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    '    gatekeeper.dev/health-check: /healthz',
    '    gatekeeper.dev/waivers: |',
    '      - gate: canary-analysis',
    '        reason: Replicas test fleet, no canary',
    '        approver: group:default/platform-team',
    '        expires: 2099-12-31',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: platform-team',
  ].join('\n');
});
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${docs.join('\n---\n')}\n`);
