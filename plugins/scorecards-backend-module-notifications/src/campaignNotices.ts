import { NotificationsConfig } from './config';
import { Notice } from './detectNotices';

/** A campaign due soon or overdue, as the scorecards campaigns API lists it. */
export interface DueCampaign {
  id: string;
  title: string;
  /** ISO date-time. */
  deadline: string;
}

/** One team's part of a campaign: the entities it still has to fix. */
export interface CampaignTeam {
  /** Owner entity ref (usually a group). */
  owner: string;
  remaining: number;
  overdue: number;
}

const DAY = 86_400_000;

/** The subject under which the notifier remembers a team's campaign notices. */
export function campaignSubject(campaignId: string, owner: string): string {
  return `campaign:${campaignId}|${owner}`;
}

/**
 * The notice a team gets for a campaign, if any: its deadline is within
 * `campaignWarningDays` and the team still has entities to fix, or the
 * deadline passed with entities overdue. The key holds the deadline, so a
 * moved deadline is announced again; one notice per phase otherwise.
 */
export function campaignNotice(options: {
  campaign: DueCampaign;
  team: CampaignTeam;
  now: Date;
  config: NotificationsConfig;
}): Notice | undefined {
  const { campaign, team, now, config } = options;
  const left = Date.parse(campaign.deadline) - now.getTime();
  if (!Number.isFinite(left)) return undefined;
  if (left < 0 && team.overdue > 0) {
    return {
      kind: 'campaignDue',
      key: `campaign:${campaign.id}:passed:${campaign.deadline}`,
      title: `Campaign "${campaign.title}" is past its deadline`,
      description: `The deadline was ${campaign.deadline}; ${team.overdue} of your entities have not reached the target yet. The campaign page lists what each must fix.`,
      severity: 'high',
      path: '',
    };
  }
  if (left >= 0 && left <= config.campaignWarningDays * DAY) {
    if (team.remaining + team.overdue === 0) return undefined;
    return {
      kind: 'campaignDue',
      key: `campaign:${campaign.id}:due:${campaign.deadline}`,
      title: `Campaign "${campaign.title}" is due in ${Math.ceil(
        left / DAY,
      )} day(s)`,
      description: `The deadline is ${campaign.deadline}; ${team.remaining} of your entities have not reached the target yet. The campaign page lists what each must fix.`,
      severity: 'normal',
      path: '',
    };
  }
  return undefined;
}
