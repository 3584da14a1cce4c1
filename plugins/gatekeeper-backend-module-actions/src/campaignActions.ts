import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { callPlugin } from './callPlugin';
import type { ScorecardsActionsOptions } from './scorecardsActions';

/** The parts of the scorecards API's CampaignSummary the action returns. */
interface CampaignSummary {
  id: string;
  title: string;
  owner: string;
  deadline: string;
  source: 'code' | 'ui';
  target: { gates?: string[]; level?: string };
  progress: { total: number; done: number; remaining: number; overdue: number };
}

const DAY_MS = 86_400_000;

/** The group ref of `owner` ("team-a", "group:team-a", ...), or InputError. */
function groupRef(owner: string): string {
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(`owner must be a group, got ${owner}`);
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`owner is not a group ref: ${owner}`);
  }
}

/** The output of one campaign: progress, and whether its deadline passed. */
function toDueCampaign(campaign: CampaignSummary, now: number) {
  const deadline = Date.parse(campaign.deadline);
  return {
    id: campaign.id,
    title: campaign.title,
    owner: campaign.owner,
    deadline: campaign.deadline,
    daysLeft: Math.ceil((deadline - now) / DAY_MS),
    overdue: deadline < now,
    source: campaign.source,
    target: campaign.target,
    progress: campaign.progress,
  };
}

/**
 * Registers `scorecards:list-campaigns-due`: campaigns whose deadline is
 * within the given days (or passed), optionally of one group's entities,
 * read as the caller from the scorecards campaigns API.
 */
export function registerListCampaignsDue(options: ScorecardsActionsOptions) {
  options.actionsRegistry.register({
    name: 'list-campaigns-due',
    title: 'List campaigns due',
    description:
      'Lists the active Gatekeeper campaigns (initiatives with a gate or level target and a deadline) whose deadline is within the next withinDays days, including those already past their deadline, sorted by deadline. With owner (a group ref), only campaigns that select entities of that group (or its child groups), with the progress of those entities. Progress (total, done, remaining, overdue) comes from the stored scorecards, never re-evaluated, and counts only the entities the caller may see. Permission-checked as the caller (scorecards.read).',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe(
              'Group ref, e.g. "group:default/payments-team" or "payments-team"',
            ),
          withinDays: z
            .number()
            .int()
            .min(0)
            .max(3650)
            .default(30)
            .describe('Deadline at most this many days from now (default 30)'),
        }),
      output: z =>
        z.object({
          due: z.string().describe('The latest deadline listed (ISO)'),
          campaigns: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              owner: z.string(),
              deadline: z.string(),
              daysLeft: z.number().describe('Negative when overdue'),
              overdue: z.boolean(),
              source: z.enum(['code', 'ui']),
              target: z.object({
                gates: z.array(z.string()).optional(),
                level: z.string().optional(),
              }),
              progress: z.object({
                total: z.number(),
                done: z.number(),
                remaining: z.number(),
                overdue: z.number(),
              }),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const now = Date.now();
      const due = new Date(now + input.withinDays * DAY_MS).toISOString();
      const query = new URLSearchParams({ due });
      if (input.owner) query.set('owner', groupRef(input.owner));
      const list = await callPlugin<{ items: CampaignSummary[] }>({
        ...options,
        credentials,
        pluginId: 'scorecards',
        path: `/campaigns?${query}`,
      });
      const campaigns = list.items
        .map(c => toDueCampaign(c, now))
        .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
      return { output: { due, campaigns } };
    },
  });
}
