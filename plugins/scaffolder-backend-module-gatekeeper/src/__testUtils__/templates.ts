import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
// The repository's gate policy, exactly as the backend loads it.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import policy from '../../../../backstage.config';

export { policy };

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');
export const TEMPLATE_NAMES = ['typescript-service', 'python-service'];

export interface TemplateParams {
  name: string;
  description: string;
  owner: string;
  system: string;
  lifecycle: string;
  sloObjective: number;
  sloWindow: string;
  pagerdutyServiceId: string;
  repoUrl: string;
  repoVisibility: string;
}

export const PARAMETER_SETS: {
  label: string;
  params: TemplateParams;
  codeOwner: string;
}[] = [
  {
    label: 'group owner, defaults',
    params: {
      name: 'payments-api',
      description: 'Takes card payments for the checkout',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      lifecycle: 'production',
      sloObjective: 0.995,
      sloWindow: '28d',
      pagerdutyServiceId: 'PABC123',
      repoUrl: 'github.com?owner=acme&repo=payments-api',
      repoVisibility: 'private',
    },
    codeOwner: '@acme/payments-team',
  },
  {
    label: 'user owner, strict SLO, YAML-hostile description',
    params: {
      name: 'refunds-worker',
      description: 'Handles "refunds": fast & safe # not a comment',
      owner: 'user:default/jane-doe',
      system: 'system:default/payments',
      lifecycle: 'experimental',
      sloObjective: 0.999,
      sloWindow: '30d',
      pagerdutyServiceId: 'PZZ9XY1',
      repoUrl: 'github.com?owner=acme-corp&repo=refunds-worker',
      repoVisibility: 'internal',
    },
    codeOwner: '@jane-doe',
  },
  {
    label: 'mixed-case group, loose SLO',
    params: {
      name: 'x9-edge-gateway',
      description: 'Edge gateway for partner traffic',
      owner: 'group:platform/SRE-Core',
      system: 'system:platform/edge',
      lifecycle: 'production',
      sloObjective: 0.9,
      sloWindow: '28d',
      pagerdutyServiceId: 'P0EDGE0',
      repoUrl: 'github.com?owner=Example-Org&repo=x9-edge-gateway',
      repoVisibility: 'public',
    },
    codeOwner: '@Example-Org/sre-core',
  },
];

export async function loadTemplate(name: string) {
  const dir = path.join(TEMPLATES_DIR, name);
  const entity = parse(
    await fs.readFile(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const steps: any[] = entity.spec.steps;
  const fetchStep = steps.find(s => s.action === 'fetch:template');
  return { dir, entity, steps, fetchStep };
}

/**
 * The values the fetch step passes for the given answers: every
 * `${{ parameters.x }}` of template.yaml replaced by the answer.
 */
export function fetchValues(
  fetchStep: any,
  params: TemplateParams,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fetchStep.input.values as Record<string, unknown>).map(
      ([key, raw]) => {
        const match =
          typeof raw === 'string'
            ? /^\$\{\{\s*parameters\.(\w+)\s*\}\}$/.exec(raw)
            : null;
        if (match) {
          const value = (params as unknown as Record<string, unknown>)[
            match[1]
          ];
          if (value === undefined)
            throw new Error(`no answer for parameter ${match[1]}`);
          return [key, value];
        }
        if (typeof raw === 'string' && raw.includes('${{')) {
          throw new Error(`unsupported expression in fetch values: ${raw}`);
        }
        return [key, raw];
      },
    ),
  );
}

export async function makeTempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `gk-${prefix}-`));
}

/** Runs the real fetch:template action offline on a template. */
export async function renderWithFetchTemplate(
  name: string,
  params: TemplateParams,
  workspacePath: string,
) {
  const { dir, fetchStep } = await loadTemplate(name);
  const action = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const values = fetchValues(fetchStep, params);
  const ctx = {
    ...createMockActionContext({
      input: { ...fetchStep.input, values },
      workspacePath,
      templateInfo: {
        entityRef: `template:default/${name}`,
        baseUrl: pathToFileURL(path.join(dir, 'template.yaml')).href,
      },
    }),
    // createMockActionContext returns the workspace as temporary directory
    // when given one; fetch:template needs a separate directory.
    createTemporaryDirectory: () => makeTempDir('fetch'),
  };
  await action.handler(ctx as any);
  return { values };
}
