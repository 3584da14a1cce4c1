import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import path from 'node:path';
import {
  makeTempDir,
  PARAMETER_SETS,
  policy,
  renderWithFetchTemplate,
} from '../__testUtils__/templates';
import { STAMP_FILE } from '../lib/stamp';
import { createRequiredChecksAction } from './requiredChecksAction';
import { createStampAction } from './stampAction';
import { createVerifyBaselineAction } from './verifyBaselineAction';

describe('gatekeeper actions', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir('actions');
    await renderWithFetchTemplate(
      'typescript-service',
      PARAMETER_SETS[2].params,
      dir,
    );
  });

  afterEach(async () => {
    await fs.remove(dir);
  });

  describe('gatekeeper:baseline:verify', () => {
    const action = createVerifyBaselineAction({
      policy: { getPolicy: () => policy },
    });

    it('describes itself and supports dry-run', () => {
      expect(action.id).toBe('gatekeeper:baseline:verify');
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toBeDefined();
    });

    it('passes on a generated repository and outputs the counts', async () => {
      const ctx = createMockActionContext({ workspacePath: dir, input: {} });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('passed', true);
      expect(ctx.output).toHaveBeenCalledWith('problems', []);
      const checked = (ctx.output as jest.Mock).mock.calls.find(
        c => c[0] === 'checked',
      )[1];
      expect(checked).toBeGreaterThan(20);
    });

    it('fails with one error listing every problem', async () => {
      await fs.remove(path.join(dir, '.github/CODEOWNERS'));
      await fs.remove(path.join(dir, 'docs/runbooks/rollback.md'));
      const ctx = createMockActionContext({
        workspacePath: dir,
        input: { hardening: false },
      });
      await expect(action.handler(ctx)).rejects.toThrow(
        /failed with 2 problem\(s\):\n {2}- \[code-ownership\] repo.codeowners.present: missing file CODEOWNERS.*\n {2}- \[runbooks\] repo.rollback-playbook.present: missing file docs\/runbooks\/rollback.md/,
      );
      expect(ctx.output).toHaveBeenCalledWith('passed', false);
    });

    it('verifies a sub-directory and refuses paths outside the workspace', async () => {
      const parent = await makeTempDir('parent');
      await fs.move(dir, path.join(parent, 'svc'));
      dir = parent;
      const ctx = createMockActionContext({
        workspacePath: parent,
        input: { path: 'svc', gates: ['code-ownership'] },
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('passed', true);
      await expect(
        action.handler(
          createMockActionContext({
            workspacePath: parent,
            input: { path: '../etc' },
          }),
        ),
      ).rejects.toThrow(/outside/);
    });
  });

  describe('gatekeeper:ci:required-checks', () => {
    const action = createRequiredChecksAction();

    it('derives the check names from the CI workflow', async () => {
      const ctx = createMockActionContext({
        workspacePath: dir,
        input: { workflows: ['.github/workflows/ci.yml'], exclude: ['report'] },
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('checks', [
        'lint',
        'type-check',
        'unit-tests',
        'build',
        'schema-check',
        'contract-tests',
        'integration-tests',
        'sast',
        'secrets-scan',
        'dependency-audit',
        'iac-scan',
        'image-scan',
        'sbom',
        'sign-and-attest',
      ]);
    });

    it('reads every workflow by default and honours exclude and events', async () => {
      const ctx = createMockActionContext({
        workspacePath: dir,
        input: {
          // release.yml runs on workflow_run (after CI), release-please on push
          events: ['push', 'workflow_run'],
          exclude: ['sign-and-attest', 'provenance'],
        },
      });
      await action.handler(ctx);
      const checks = (ctx.output as jest.Mock).mock.calls[0][1];
      expect(checks).toEqual(
        expect.arrayContaining([
          'lint',
          'image',
          'staging',
          'production-canary',
          'rollback',
          'release-please',
        ]),
      );
      expect(checks).not.toContain('sign-and-attest');
    });

    it('fails on missing workflows or when no job would be required', async () => {
      await expect(
        action.handler(
          createMockActionContext({
            workspacePath: dir,
            input: { workflows: ['.github/workflows/nope.yml'] },
          }),
        ),
      ).rejects.toThrow('Workflow .github/workflows/nope.yml does not exist');
      await expect(
        action.handler(
          createMockActionContext({
            workspacePath: dir,
            input: { events: ['schedule'] },
          }),
        ),
      ).rejects.toThrow('No CI job runs on the selected events');
    });
  });

  describe('gatekeeper:template:stamp', () => {
    const action = createStampAction();

    it('stamps name and version from the Template entity', async () => {
      const ctx = createMockActionContext({
        workspacePath: dir,
        input: { values: { name: 'x9-edge-gateway' } },
        templateInfo: {
          entityRef: 'template:default/typescript-service',
          entity: {
            metadata: {
              name: 'typescript-service',
              annotations: { 'gatekeeper.dev/template-version': '1.0.0' },
            },
          },
        },
      });
      await action.handler(ctx);
      const stamp = await fs.readJson(path.join(dir, STAMP_FILE));
      expect(stamp.template).toEqual({
        name: 'typescript-service',
        version: '1.0.0',
        entityRef: 'template:default/typescript-service',
      });
      expect(stamp.values).toEqual({ name: 'x9-edge-gateway' });
      expect(stamp.files['catalog-info.yaml']).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(ctx.output).toHaveBeenCalledWith('stampFile', STAMP_FILE);
      expect(ctx.output).toHaveBeenCalledWith('templateVersion', '1.0.0');
    });

    it('takes explicit inputs and exclusions, and fails without a version', async () => {
      const ctx = createMockActionContext({
        workspacePath: dir,
        input: {
          templateName: 'custom',
          templateVersion: '2.0.0',
          values: {},
          exclude: ['docs/**'],
        },
      });
      await action.handler(ctx);
      const stamp = await fs.readJson(path.join(dir, STAMP_FILE));
      expect(stamp.template.name).toBe('custom');
      expect(Object.keys(stamp.files).some(f => f.startsWith('docs/'))).toBe(
        false,
      );
      await expect(
        action.handler(
          createMockActionContext({
            workspacePath: dir,
            input: { values: {} },
          }),
        ),
      ).rejects.toThrow('Cannot stamp');
    });
  });
});
