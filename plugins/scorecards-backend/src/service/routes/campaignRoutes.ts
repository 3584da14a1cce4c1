import { InputError, NotFoundError } from '@backstage/errors';
import { assertValidIdempotencyKey } from '@gatekeeper/gatekeeper-node';
import {
  campaignSelectorSchema,
  campaignTargetSchema,
  scorecardsCampaignsManagePermission,
  scorecardsReadPermission,
} from '@gatekeeper/plugin-scorecards-common';
import { Router } from 'express';
import { z } from 'zod';
import { CampaignService } from '../../campaigns/CampaignService';
import { parseInput } from './parseInput';
import { auditedWrite } from './auditedWrite';
import { RouteContext } from './RouteContext';

/** Printable text without control characters (newlines and tabs allowed). */
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, {
      message: 'must not contain control characters',
    });

const date = z.string().min(1).max(40);

const createSchema = z
  .object({
    title: text(3, 200),
    description: text(0, 4000).optional(),
    owner: z.string().regex(/^(group:)?([a-z0-9._-]+\/)?[a-z0-9._-]+$/i, {
      message: 'must be a group entity ref',
    }),
    target: campaignTargetSchema,
    selector: campaignSelectorSchema,
    deadline: date,
  })
  .strict();

const updateSchema = z
  .object({
    title: text(3, 200).optional(),
    description: text(0, 4000).optional(),
    deadline: date.optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine(body => Object.keys(body).length > 0, {
    message: 'nothing to change',
  });

const listQuerySchema = z
  .object({
    owner: z.string().min(1).max(255).optional(),
    due: date.optional(),
    archived: z.enum(['true', 'false']).optional(),
  })
  .strict();

const idSchema = z.string().uuid();

function parseDue(due: string | undefined): number | undefined {
  if (due === undefined) return undefined;
  const at = Date.parse(due);
  if (Number.isNaN(at)) {
    throw new InputError('due must be an ISO date or date-time');
  }
  // A date alone means the whole day.
  return /^\d{4}-\d{2}-\d{2}$/.test(due) ? at + 86_399_999 : at;
}

/**
 * Adds `/campaigns` (list, create), `/campaigns/:id` (details, change) and
 * `/campaigns/entity/:namespace/:kind/:name`; every write audited.
 */
export function campaignRoutes(router: Router, context: RouteContext): void {
  const { authorize, auditor, visibleEntityRef } = context;
  const campaigns = (): CampaignService => {
    if (!context.service.campaigns) {
      throw new NotFoundError('Campaigns are not enabled');
    }
    return context.service.campaigns;
  };

  router.get('/campaigns', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const query = parseInput(listQuerySchema, req.query, 'campaign query');
    const items = await campaigns().list(
      {
        owner: query.owner,
        due: parseDue(query.due),
        includeArchived: query.archived === 'true',
      },
      credentials,
    );
    res.json({ items });
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await authorize(
      req,
      scorecardsCampaignsManagePermission,
    );
    const body = parseInput(createSchema, req.body, 'campaign');
    const key = req.header('Idempotency-Key');
    if (key !== undefined) assertValidIdempotencyKey(key);
    const meta = { action: 'create', title: body.title };
    const result = await auditedWrite(
      { auditor, eventId: 'campaign', req, meta },
      () => campaigns().create(body, credentials, key),
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.statusCode).json(result.body);
  });

  router.get('/campaigns/entity/:namespace/:kind/:name', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const entityRef = await visibleEntityRef(req, credentials);
    res.json(await campaigns().forEntity(entityRef));
  });

  router.get('/campaigns/:id', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const id = parseInput(idSchema, req.params.id, 'campaign id');
    res.json(await campaigns().get(id, credentials));
  });

  router.patch('/campaigns/:id', async (req, res) => {
    const credentials = await authorize(
      req,
      scorecardsCampaignsManagePermission,
    );
    const id = parseInput(idSchema, req.params.id, 'campaign id');
    const body = parseInput(updateSchema, req.body ?? {}, 'campaign change');
    const meta = { action: 'update', campaignId: id };
    const updated = await auditedWrite(
      { auditor, eventId: 'campaign', req, meta },
      () => campaigns().update(id, body, credentials),
    );
    res.json(updated);
  });
}
