import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from '../service/router';
import { spec as generatedSpec } from './openapi.generated';

/** Express paths (`/a/:b`) as OpenAPI paths (`/a/{b}`) with their methods. */
function routesOf(router: any): string[] {
  return (
    router.stack
      // the typed router also serves its own document at /openapi.json
      .filter(
        (layer: any) => layer.route && layer.route.path !== '/openapi.json',
      )
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          m => `${m} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort()
  );
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const spec = parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([p, ops]) => Object.keys(ops).map(m => `${m} ${p}`))
      .sort();
    const router = await createRouter({
      service: {} as any,
      stores: {} as any,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: {} as any,
      logger: mockServices.logger.mock(),
      entityLabels: [],
      severityLabel: 'severity',
      rateLimit: { burst: 1, perSecond: 1 },
    });
    expect(documented).toEqual(routesOf(router));
  });

  it('is OpenAPI 3.1 and embedded unchanged in openapi.generated.ts', () => {
    const spec = parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec.openapi).toBe('3.1.0');
    expect(generatedSpec).toEqual(spec);
  });
});
