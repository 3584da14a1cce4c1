import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { GatePolicyService } from '@gatekeeper/plugin-scorecards-node';
import { verifyBaseline } from '../lib/verifyBaseline';

/** Id of the baseline verification action. @public */
export const VERIFY_BASELINE_ACTION_ID = 'gatekeeper:baseline:verify';

type VerifyBaselineActionContext = ActionContext<
  {
    path?: string;
    gates?: string[];
    skipGates?: string[];
    maxLevel?: string;
    hardening?: boolean;
  },
  { passed: boolean; checked: number; problems: string[]; deferred: string[] }
>;

/** The handler of {@link createVerifyBaselineAction}. */
async function verifyWorkspaceBaseline(
  ctx: VerifyBaselineActionContext,
  options: Parameters<typeof createVerifyBaselineAction>[0],
): Promise<void> {
  const rootDir = ctx.input.path
    ? resolveSafeChildPath(ctx.workspacePath, ctx.input.path)
    : ctx.workspacePath;
  const result = await verifyBaseline({
    rootDir,
    policy: options.policy.getPolicy(),
    gates: ctx.input.gates,
    skipGates: ctx.input.skipGates,
    maxLevel: ctx.input.maxLevel,
    hardening: ctx.input.hardening,
  });
  const checked = result.findings.filter(f => f.status !== 'deferred');
  for (const f of checked) {
    ctx.logger.info(
      `${f.status === 'pass' ? 'PASS' : 'FAIL'} [${f.gate}] ${f.fact}: ${
        f.detail
      }`,
    );
  }
  for (const d of result.deferred) ctx.logger.info(`DEFERRED ${d}`);
  ctx.output('passed', result.passed);
  ctx.output('checked', checked.length);
  ctx.output('problems', result.problems);
  ctx.output('deferred', result.deferred);
  if (!result.passed) {
    throw new Error(
      `Gatekeeper baseline verification failed with ${
        result.problems.length
      } problem(s):\n${result.problems.map(p => `  - ${p}`).join('\n')}`,
    );
  }
  ctx.logger.info(
    `Gatekeeper baseline verified: ${checked.length} rule(s) passed, ${result.deferred.length} deferred`,
  );
}

/**
 * `gatekeeper:baseline:verify`: checks the generated workspace against the
 * gate policy and fails the task with one error listing every missing file
 * or CI job.
 * @public
 */
export function createVerifyBaselineAction(options: {
  policy: GatePolicyService;
}) {
  return createTemplateAction({
    id: VERIFY_BASELINE_ACTION_ID,
    description:
      'Checks the generated repository against the Gatekeeper gate policy (CODEOWNERS, PR template, runbooks, CI jobs, canary analysis, OpenSLO file, pinned actions, least-privilege permissions) before it is published. Fails with the full list of problems.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Verify the whole workspace against every gate',
        example: [
          'steps:',
          '  - id: verify',
          '    name: Verify quality baseline',
          '    action: gatekeeper:baseline:verify',
        ].join('\n'),
      },
      {
        description:
          'Verify bronze and silver gates only, skipping a waived gate',
        example: [
          'steps:',
          '  - id: verify',
          '    action: gatekeeper:baseline:verify',
          '    input:',
          '      maxLevel: silver',
          '      skipGates: [data-contracts]',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        path: z =>
          z
            .string()
            .optional()
            .describe(
              'Sub-directory of the workspace to verify (default: the workspace root)',
            ),
        gates: z =>
          z
            .array(z.string())
            .optional()
            .describe('Only these gate ids (default: all)'),
        skipGates: z =>
          z.array(z.string()).optional().describe('Gate ids to leave out'),
        maxLevel: z =>
          z
            .string()
            .optional()
            .describe(
              'Only gates up to this level, e.g. silver (default: all levels)',
            ),
        hardening: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also require pinned actions, least-privilege workflow permissions and a valid catalog-info.yaml (default true)',
            ),
      },
      output: {
        passed: z => z.boolean().describe('Whether every checked rule passed'),
        checked: z =>
          z.number().describe('Number of rules checked against the files'),
        problems: z => z.array(z.string()).describe('Every failed rule'),
        deferred: z =>
          z
            .array(z.string())
            .describe('Rules decided later from CI, SCM or runtime facts'),
      },
    },
    handler: ctx => verifyWorkspaceBaseline(ctx, options),
  });
}
