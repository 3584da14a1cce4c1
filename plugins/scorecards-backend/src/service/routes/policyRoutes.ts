import { InputError } from '@backstage/errors';
import { assertMaxDepth, nestsDeeperThan } from '@gatekeeper/gatekeeper-node';
import {
  GatePolicyError,
  parseGatePolicy,
  scorecardsWaiversManagePermission,
} from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsApiRouter } from '../../schema/openApiRouter';
import { resolveWaivers } from '../../engine/waivers';
import { RouteContext } from './RouteContext';

function parsePolicy(value: unknown) {
  try {
    return parseGatePolicy(value);
  } catch (error) {
    if (error instanceof GatePolicyError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

/** Adds `POST /dry-run` and `POST /waivers/validate`: policy authoring tools. */
export function policyRoutes(
  router: ScorecardsApiRouter,
  context: RouteContext,
): void {
  const { service, authorize } = context;

  router.post('/dry-run', async (req, res) => {
    const credentials = await authorize(req, scorecardsWaiversManagePermission);
    if (nestsDeeperThan(req.body, 16)) {
      throw new InputError('Invalid dry-run body: nests too deeply');
    }
    const policy = parsePolicy(req.body.policy);
    res.json(await service.dryRun(policy, credentials));
  });

  router.post('/waivers/validate', async (req, res) => {
    await authorize(req, scorecardsWaiversManagePermission);
    assertMaxDepth(req.body, 16, 'Invalid waivers: the body');
    const { waivers } = req.body;
    const gateIds = new Set(service.getGates().gates.map(g => g.id));
    const resolved = resolveWaivers({
      raw: waivers.map(value => ({ source: 'annotation' as const, value })),
      gateIds,
      now: Date.now(),
    });
    res.json({
      active: [...resolved.active.values()],
      expired: [...resolved.expired.values()],
      problems: resolved.warnings,
    });
  });
}
