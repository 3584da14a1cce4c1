import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EntityIncidentsResponse,
  sloReadPermission,
} from '@gatekeeper/plugin-slo-common';
import { generateSlothRules } from '../export/generateSlothRules';
import { SloApiRouter } from '../schema/openApiRouter';
import { RouteContext } from './routeContext';
import { toEntityRef } from './routerInput';

/** The read routes: SLO report, rules export, incidents and the gate. */
export function registerReadRoutes(
  router: SloApiRouter,
  ctx: RouteContext,
  options: {
    /** Adds what other parts know of each incident (its preceding deployment). */
    decorateIncidents?: (
      response: EntityIncidentsResponse,
    ) => Promise<EntityIncidentsResponse>;
  } = {},
) {
  const { service, authorize } = ctx;

  router.get('/entities/:namespace/:kind/:name/slos', async (req, res) => {
    const credentials = await authorize(req, sloReadPermission);
    const { at } = req.query;
    const entity = await ctx.entityFromPath(req, credentials);
    res.json(
      await service.report(entity, { at: at ? Date.parse(at) : undefined }),
    );
  });

  router.get(
    '/entities/:namespace/:kind/:name/slos/:slo/rules',
    async (req, res) => {
      const credentials = await authorize(req, sloReadPermission);
      const entity = await ctx.entityFromPath(req, credentials);
      const evaluation = await service.loadSlos(entity);
      const slo = evaluation.slos.find(s => s.name === req.params.slo);
      if (!slo) {
        throw new NotFoundError(
          `SLO '${req.params.slo}' not found on ${stringifyEntityRef(entity)}`,
        );
      }
      const { yaml } = generateSlothRules({
        slo,
        entityRef: stringifyEntityRef(entity),
      });
      res.type('application/yaml').send(yaml);
    },
  );

  router.get('/entities/:namespace/:kind/:name/incidents', async (req, res) => {
    const credentials = await authorize(req, sloReadPermission);
    const { at } = req.query;
    const entity = await ctx.entityFromPath(req, credentials);
    const response = await service.incidents(entity, {
      at: at ? Date.parse(at) : undefined,
    });
    res.json(
      options.decorateIncidents
        ? await options.decorateIncidents(response)
        : response,
    );
  });

  router.get('/gate/:entityRef', async (req, res) => {
    const credentials = await authorize(req, sloReadPermission);
    const change = req.query.change ?? 'normal';
    const entity = await service.getEntity(
      toEntityRef(req.params.entityRef),
      credentials,
    );
    res.json(await service.gate(entity, change));
  });
}
