import {
  scorecardsFactsPushPermission,
  scorecardsReadPermission,
} from '@gatekeeper/plugin-scorecards-common';
import { Router } from 'express';
import { RouteContext } from './RouteContext';

/** Adds `/gates` and `/entities/:namespace/:kind/:name[/history|/facts|/evaluate]`. */
export function entityRoutes(router: Router, context: RouteContext): void {
  const { service, authorize, visibleEntityRef } = context;

  router.get('/gates', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json(service.getGates());
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const json = await service.getScorecardJson(
      await visibleEntityRef(req, credentials),
    );
    res.type('application/json').send(json);
  });

  router.get('/entities/:namespace/:kind/:name/history', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    res.json(
      await service.getHistory(await visibleEntityRef(req, credentials)),
    );
  });

  router.get('/entities/:namespace/:kind/:name/facts', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    res.json({
      items: await service.getFacts(await visibleEntityRef(req, credentials)),
    });
  });

  router.post('/entities/:namespace/:kind/:name/evaluate', async (req, res) => {
    const credentials = await authorize(req, scorecardsFactsPushPermission);
    res.json(
      await service.evaluateEntity(await visibleEntityRef(req, credentials), {
        collect: true,
        trigger: 'request',
      }),
    );
  });
}
