import { normalizeEntityRef } from '@gatekeeper/gatekeeper-node';
import { scorecardsReadPermission } from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsApiRouter } from '../../schema/openApiRouter';
import { RouteContext } from './RouteContext';

/** Adds `/overview` and `/rollups`, over the entities the caller may see. */
export function aggregateRoutes(
  router: ScorecardsApiRouter,
  context: RouteContext,
): void {
  const { service, authorize } = context;

  router.get('/overview', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    // filters, limit (1-500) and offset (0-1e6) as validated by the spec
    const { limit = 50, offset = 0, ...filters } = req.query;
    const query = { ...filters, limit, offset };
    const visible = await service.visibility.visibleRefs(credentials);
    const ref = (value: string | undefined, what: string, kind: string) =>
      value
        ? normalizeEntityRef(value, { defaultKind: kind, what })
        : undefined;
    res.json(
      await service.getOverview(
        {
          ...query,
          owner: ref(query.owner, 'owner', 'group'),
          system: ref(query.system, 'system', 'system'),
          domain: ref(query.domain, 'domain', 'domain'),
        },
        visible,
      ),
    );
  });

  router.get('/rollups', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const { by } = req.query;
    const visible = await service.visibility.visibleRefs(credentials);
    res.json({ items: await service.getRollups(by, visible) });
  });
}
