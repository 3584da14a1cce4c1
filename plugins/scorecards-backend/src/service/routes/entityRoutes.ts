import {
  scorecardsFactsPushPermission,
  scorecardsReadPermission,
} from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsApiRouter } from '../../schema/openApiRouter';
import { Response } from 'express';
import { RouteContext } from './RouteContext';

/** Sends the scorecard as stored: JSON text, so not typed by the spec. */
function sendStoredJson(res: Response, json: string): void {
  res.type('application/json').send(json);
}

/** Adds `/gates` and `/entities/:namespace/:kind/:name[/history|/facts|/evaluate]`. */
export function entityRoutes(
  router: ScorecardsApiRouter,
  context: RouteContext,
): void {
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
    sendStoredJson(res, json);
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
