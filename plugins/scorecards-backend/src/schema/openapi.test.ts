import { mockServices } from '@backstage/backend-test-utils';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { createReleaseGateRouter } from '../service/releaseGateRouter';
import { createRouter } from '../service/router';
import { spec as generatedSpec } from './openapi.generated';

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const spec = parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([p, ops]) =>
        Object.keys(ops).map(
          m => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();
    const router: any = await createRouter({
      service: {} as any,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      userInfo: mockServices.userInfo(),
    });
    const releaseGate: any = createReleaseGateRouter({
      service: {} as any,
      policy: {} as any,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const served = [...router.stack, ...releaseGate.stack]
      // the typed routers also serve their document at /openapi.json
      .filter(
        (layer: any) => layer.route && layer.route.path !== '/openapi.json',
      )
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          m => `${m.toUpperCase()} ${layer.route.path}`,
        ),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it('is OpenAPI 3.1 and embedded unchanged in openapi.generated.ts', () => {
    const spec = parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec.openapi).toBe('3.1.0');
    expect(generatedSpec).toEqual(spec);
  });
});
