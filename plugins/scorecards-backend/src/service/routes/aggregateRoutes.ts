import { normalizeEntityRef, parsePaging } from '@gatekeeper/gatekeeper-node';
import { scorecardsReadPermission } from '@gatekeeper/plugin-scorecards-common';
import { Router } from 'express';
import { parseInput } from './parseInput';
import { RouteContext } from './RouteContext';
import { overviewQuerySchema, rollupQuerySchema } from './schemas';

/** Adds `/overview` and `/rollups`, over the entities the caller may see. */
export function aggregateRoutes(router: Router, context: RouteContext): void {
  const { service, authorize } = context;

  router.get('/overview', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const query = {
      ...parseInput(overviewQuerySchema, req.query, 'overview query'),
      ...parsePaging(req.query, { defaultLimit: 50, maxLimit: 500 }),
    };
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
    const { by } = parseInput(rollupQuerySchema, req.query, 'rollups query');
    const visible = await service.visibility.visibleRefs(credentials);
    res.json({ items: await service.getRollups(by, visible) });
  });
}
