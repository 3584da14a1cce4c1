/*
 * Dry-run through the real scaffolder backend with this module: the whole
 * typescript-service template runs (publish and register are skipped in
 * dry-run mode) and the response carries the results of our actions.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs-extra';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  PARAMETER_SETS,
  policy,
  TEMPLATES_DIR,
} from './__testUtils__/templates';
import { listFiles } from './lib/workspace';
import { scaffolderModuleGatekeeper } from './module';

jest.setTimeout(60_000);

async function templateRequest(name: string, drop: string[] = []) {
  const dir = path.join(TEMPLATES_DIR, name);
  const template = parse(
    await fs.readFile(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const files = (await listFiles(dir)).filter(f => !drop.includes(f));
  const directoryContents = await Promise.all(
    files.map(async f => ({
      path: f,
      base64Content: (await fs.readFile(path.join(dir, f))).toString('base64'),
    })),
  );
  const { repoVisibility, ...rest } = PARAMETER_SETS[0].params;
  return {
    template,
    values: { ...rest, repoVisibility },
    secrets: {},
    directoryContents,
  };
}

describe('scaffolder dry-run with the gatekeeper module', () => {
  let server: any;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModuleGatekeeper,
        gatePolicyServiceFactory(policy),
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
        }),
      ],
    });
    server = backend.server;
  });

  it('lists the gatekeeper actions', async () => {
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const ids = res.body.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'gatekeeper:baseline:verify',
        'gatekeeper:template:stamp',
        'gatekeeper:ci:required-checks',
        'gatekeeper:catalog:register',
      ]),
    );
    const verify = res.body.find(
      (a: any) => a.id === 'gatekeeper:baseline:verify',
    );
    expect(verify.schema.input.properties).toHaveProperty('skipGates');
    expect(verify.examples.length).toBeGreaterThan(0);
  });

  it.each(['typescript-service', 'python-service'])(
    'runs the %s template and reports the action results',
    async templateName => {
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send(await templateRequest(templateName));
      expect(res.status).toBe(200);
      const messages: string[] = res.body.log.map((l: any) => l.body.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'Required status checks: lint, type-check, unit-tests, build, schema-check, contract-tests, integration-tests, sast, secrets-scan, dependency-audit, iac-scan, image-scan, sbom, sign-and-attest, pr-title',
          ),
          expect.stringMatching(
            /Gatekeeper baseline verified: \d+ rule\(s\) passed/,
          ),
          expect.stringContaining(`Stamped ${templateName}@1.0.0`),
          expect.stringContaining(
            'Skipping because publish:github does not support dry-run',
          ),
        ]),
      );
      // the owning team is granted the repository (publish:github input)
      const publish = messages.find(m =>
        m.includes('Running publish:github in dry-run mode with inputs'),
      );
      expect(publish).toBeDefined();
      const inputs = JSON.parse(publish!.slice(publish!.indexOf('{')));
      expect(inputs.collaborators).toEqual([
        { team: 'payments-team', access: 'maintain' },
      ]);
      const text = res.body.output.text.map((t: any) => t.content).join('\n');
      expect(text).toContain(
        'Required status checks: lint, type-check, unit-tests',
      );

      const files = new Map<string, string>(
        res.body.directoryContents.map((f: any) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ]),
      );
      // expressions in template.yaml (parseRepoUrl/parseEntityRef in the skeleton) resolved
      expect(files.get('.github/CODEOWNERS')).toMatch(
        /^\*\s+@acme\/payments-team$/m,
      );
      const stamp = JSON.parse(files.get('.gatekeeper/template.json')!);
      expect(stamp.template).toEqual({
        name: templateName,
        version: '1.0.0',
        entityRef: 'template:default/dry-run',
      });
      expect(stamp.values).toMatchObject({
        name: 'payments-api',
        sloObjective: 0.995,
      });
      expect(Object.keys(stamp.files)).toContain('.github/workflows/ci.yml');
      expect(files.get('.github/workflows/ci.yml')).toContain(
        "cancel-in-progress: ${{ github.event_name == 'pull_request' }}",
      );
    },
  );

  it('fails the dry-run with every missing file listed', async () => {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send(
        await templateRequest('typescript-service', [
          'skeleton/.github/CODEOWNERS',
          'skeleton/docs/runbooks/rollback.md',
          'skeleton/deploy/analysis-template.yaml',
        ]),
      );
    const body = JSON.stringify(res.body);
    expect(body).toContain(
      'Gatekeeper baseline verification failed with 3 problem(s)',
    );
    expect(body).toContain('repo.codeowners.present');
    expect(body).toContain('repo.rollback-playbook.present');
    expect(body).toContain('repo.canary.metric-analysis');
    expect(body).not.toContain('Stamped typescript-service');
  });
});
