import { InputError } from '@backstage/errors';
import {
  assertValidIdempotencyKey,
  nestsDeeperThan,
  normalizeEntityRef,
  principalScope,
} from '@gatekeeper/gatekeeper-node';
import { scorecardsFactsPushPermission } from '@gatekeeper/plugin-scorecards-common';
import { ScorecardsApiRouter } from '../../schema/openApiRouter';
import { assertFactTypes } from '../../engine/factTypes';
import { parseInput } from './parseInput';
import { RouteContext } from './RouteContext';
import { pushFactsSchema } from './schemas';

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Adds `POST /facts`: facts pushed by CI, idempotent per Idempotency-Key. */
export function factsRoutes(
  router: ScorecardsApiRouter,
  context: RouteContext,
): void {
  const { service, authorize, auditor } = context;

  router.post('/facts', async (req, res) => {
    const credentials = await authorize(req, scorecardsFactsPushPermission);
    if (nestsDeeperThan(req.body, 16)) {
      throw new InputError('Invalid facts push: values nest too deeply');
    }
    const body = parseInput(pushFactsSchema, req.body, 'facts push');
    assertFactTypes(service.factExpectations, body.facts);
    const entityRef = normalizeEntityRef(body.entityRef, { what: 'entityRef' });
    await service.visibility.assertVisible(entityRef, credentials);
    if (
      body.observedAt &&
      new Date(body.observedAt).getTime() > Date.now() + MAX_CLOCK_SKEW_MS
    ) {
      throw new InputError('observedAt is in the future');
    }
    const key = req.header('Idempotency-Key');
    if (key !== undefined) {
      assertValidIdempotencyKey(key);
    }
    const audit = await auditor.createEvent({
      eventId: 'facts-push',
      severityLevel: 'low',
      request: req,
      meta: {
        entityRef,
        facts: Object.keys(body.facts),
        idempotencyKey: key ?? null,
      },
    });
    try {
      const { body: response, replayed } = await service.pushFacts(
        { ...body, entityRef },
        { idempotencyKey: key, scope: principalScope(credentials) },
      );
      await audit.success();
      if (replayed) {
        res.setHeader('Idempotent-Replayed', 'true');
      }
      res.json(response);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });
}
