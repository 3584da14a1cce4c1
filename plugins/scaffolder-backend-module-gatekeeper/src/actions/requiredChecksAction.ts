import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'fs-extra';
import { deriveRequiredChecks } from '../lib/requiredChecks';
import { parseWorkflow, readWorkflows } from '../lib/workflows';

/** Id of the required-checks action. @public */
export const REQUIRED_CHECKS_ACTION_ID = 'gatekeeper:ci:required-checks';

/**
 * `gatekeeper:ci:required-checks`: derives the branch-protection required
 * status checks from the generated workflow jobs, so publish:github and CI
 * never disagree on names.
 * @public
 */
export function createRequiredChecksAction() {
  return createTemplateAction({
    id: REQUIRED_CHECKS_ACTION_ID,
    description:
      'Derives branch-protection required status checks (job name, or id when unnamed; one per matrix combination) from the generated GitHub Actions workflows.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Feed the CI job names into publish:github',
        example: [
          'steps:',
          '  - id: checks',
          '    action: gatekeeper:ci:required-checks',
          '    input:',
          '      workflows: [.github/workflows/ci.yml]',
          '  - id: publish',
          '    action: publish:github',
          '    input:',
          "      requiredStatusCheckContexts: ${{ steps['checks'].output.checks }}",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        workflows: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Workflow files relative to the workspace (default: every workflow in .github/workflows)',
            ),
        events: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Only workflows triggered by these events (default: pull_request)',
            ),
        exclude: z =>
          z
            .array(z.string())
            .optional()
            .describe('Job ids or check names to leave out'),
      },
      output: {
        checks: z =>
          z.array(z.string()).describe('Required status check contexts'),
      },
    },
    async handler(ctx) {
      const workflows = ctx.input.workflows
        ? await Promise.all(
            ctx.input.workflows.map(async file => {
              const abs = resolveSafeChildPath(ctx.workspacePath, file);
              if (!(await fs.pathExists(abs))) {
                throw new Error(
                  `Workflow ${file} does not exist in the workspace`,
                );
              }
              return parseWorkflow(file, await fs.readFile(abs, 'utf8'));
            }),
          )
        : (await readWorkflows(ctx.workspacePath)).workflows;
      const checks = deriveRequiredChecks(workflows, {
        events: ctx.input.events,
        exclude: ctx.input.exclude,
      });
      if (checks.length === 0) {
        throw new Error(
          'No CI job runs on the selected events; branch protection would require no checks',
        );
      }
      ctx.logger.info(`Required status checks: ${checks.join(', ')}`);
      ctx.output('checks', checks);
    },
  });
}
