import { LoggerService } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  campaignNotice,
  campaignSubject,
  CampaignTeam,
  DueCampaign,
} from './campaignNotices';
import { NotificationsConfig } from './config';
import {
  detectNotices,
  EntityState,
  Notice,
  Observation,
  ObservedWaiverRequest,
} from './detectNotices';
import { entityRoutePath } from './entityRoutePath';
import { GatekeeperReader } from './GatekeeperReader';
import { NotificationStateStore, StoredState } from './NotificationStateStore';

/** Counts of one run. */
export interface RunSummary {
  observed: number;
  sent: number;
  failed: number;
}

const DAY_MS = 86_400_000;

/** The state of a subject that is not an entity (a campaign's team). */
const NO_ENTITY_STATE: EntityState = {
  verdict: '',
  failing: [],
  waivers: {},
  frozen: false,
  postmortems: [],
  notified: [],
};

function entityPagePath(ref: string): string {
  const path = entityRoutePath(ref);
  return path ? `/catalog/${path}` : '/catalog';
}

/**
 * One notification pass: reads every stored verdict and freeze, compares it
 * with what was remembered, claims the entity with a compare-and-set write
 * (two replicas never send the same notice) and sends each new notice to
 * the owning group. A notice that could not be sent is forgotten again, so
 * the next run retries it.
 */
export class NotificationRunner {
  constructor(
    private readonly deps: {
      reader: GatekeeperReader;
      store: NotificationStateStore;
      notifications: NotificationService;
      logger: LoggerService;
      config: NotificationsConfig;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<RunSummary> {
    const summary: RunSummary = { observed: 0, sent: 0, failed: 0 };
    const titles = await this.deps.reader.gateTitles();
    const requests = await this.deps.reader.waiverRequests().catch(error => {
      assertError(error);
      this.deps.logger.warn(`Waiver requests not read: ${error.message}`);
      return new Map<string, ObservedWaiverRequest[]>();
    });
    for await (const rows of this.deps.reader.overview()) {
      const stored = await this.deps.store.get(rows.map(r => r.entityRef));
      for (const row of rows) {
        try {
          const observation = await this.deps.reader.observe(
            row,
            titles,
            requests.get(row.entityRef),
          );
          summary.observed++;
          summary.sent += await this.runOne(
            observation,
            stored.get(row.entityRef),
          );
        } catch (error) {
          assertError(error);
          summary.failed++;
          this.deps.logger.warn(
            `Notifications for ${row.entityRef} skipped: ${error.message}`,
          );
        }
      }
    }
    await this.runCampaigns(summary);
    return summary;
  }

  /** Campaign deadlines: one notice per campaign, team and phase. */
  private async runCampaigns(summary: RunSummary): Promise<void> {
    const { reader, config, logger } = this.deps;
    if (!config.kinds.campaignDue) return;
    const now = this.deps.now?.() ?? new Date();
    const due = new Date(now.getTime() + config.campaignWarningDays * DAY_MS);
    let campaigns: DueCampaign[];
    try {
      campaigns = await reader.dueCampaigns(due);
    } catch (error) {
      assertError(error);
      logger.warn(`Campaigns not read: ${error.message}`);
      return;
    }
    for (const campaign of campaigns) {
      try {
        const teams = await reader.campaignTeams(campaign.id);
        const stored = await this.deps.store.get(
          teams.map(t => campaignSubject(campaign.id, t.owner)),
        );
        for (const team of teams) {
          const subject = campaignSubject(campaign.id, team.owner);
          summary.sent += await this.notifyTeam({
            campaign,
            team,
            now,
            previous: stored.get(subject),
          });
        }
      } catch (error) {
        assertError(error);
        summary.failed++;
        logger.warn(
          `Notifications of campaign ${campaign.id} skipped: ${error.message}`,
        );
      }
    }
  }

  /** Claims the team's notice (compare-and-set), sends it, forgets it if unsent. */
  private async notifyTeam(options: {
    campaign: DueCampaign;
    team: CampaignTeam;
    now: Date;
    previous?: StoredState;
  }): Promise<number> {
    const { store, config } = this.deps;
    const { campaign, team, now, previous } = options;
    const notice = campaignNotice({ campaign, team, now, config });
    if (!notice) return 0;
    const subject = campaignSubject(campaign.id, team.owner);
    const before = previous?.state.notified ?? [];
    if (before.includes(notice.key)) return 0;
    const state: EntityState = {
      ...(previous?.state ?? NO_ENTITY_STATE),
      notified: [...before, notice.key],
    };
    const version = previous?.version;
    if (!(await store.save({ entityRef: subject, version, state }))) return 0;
    const link = `${config.appBaseUrl}/campaigns`;
    if (await this.deliver(team.owner, subject, link, notice)) return 1;
    await store.save({
      entityRef: subject,
      version: (version ?? 0) + 1,
      state: { ...state, notified: before },
    });
    return 0;
  }

  private async runOne(
    observation: Observation,
    previous: StoredState | undefined,
  ): Promise<number> {
    const { store, config } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const { notices, state } = detectNotices({
      observation,
      previous: previous?.state,
      now,
      config,
    });
    const entityRef = observation.entityRef;
    const version = previous?.version;
    if (!(await store.save({ entityRef, version, state }))) return 0;
    const unsent: string[] = [];
    let sent = 0;
    for (const notice of notices) {
      if (await this.send(observation, notice)) sent++;
      else unsent.push(notice.key);
    }
    if (unsent.length > 0) {
      const notified = state.notified.filter(k => !unsent.includes(k));
      await store.save({
        entityRef,
        version: (version ?? 0) + 1,
        state: { ...state, notified },
      });
    }
    return sent;
  }

  private async send(o: Observation, notice: Notice): Promise<boolean> {
    if (!o.owner) {
      this.deps.logger.warn(
        `No owner for ${o.entityRef}: notification "${notice.title}" not sent`,
      );
      return false;
    }
    const link = `${this.deps.config.appBaseUrl}${entityPagePath(o.entityRef)}${
      notice.path
    }`;
    return this.deliver(o.owner, o.entityRef, link, notice);
  }

  /** Sends one notice to `owner`; false (and a warning) when it failed. */
  private async deliver(
    owner: string,
    subject: string,
    link: string,
    notice: Notice,
  ): Promise<boolean> {
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: notice.title,
          description: notice.description,
          link,
          severity: notice.severity,
          topic: `gatekeeper.${notice.kind}`,
          scope: `gatekeeper:${subject}:${notice.key}`,
        },
      });
      return true;
    } catch (error) {
      assertError(error);
      this.deps.logger.warn(
        `Notification "${notice.title}" to ${owner} failed: ${error.message}`,
      );
      return false;
    }
  }
}
