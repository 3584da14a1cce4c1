import { LoggerService } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationsConfig } from './config';
import {
  detectNotices,
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
    return summary;
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
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: o.owner },
        payload: {
          title: notice.title,
          description: notice.description,
          link: `${this.deps.config.appBaseUrl}${entityPagePath(o.entityRef)}${
            notice.path
          }`,
          severity: notice.severity,
          topic: `gatekeeper.${notice.kind}`,
          scope: `gatekeeper:${o.entityRef}:${notice.key}`,
        },
      });
      return true;
    } catch (error) {
      assertError(error);
      this.deps.logger.warn(
        `Notification "${notice.title}" to ${o.owner} failed: ${error.message}`,
      );
      return false;
    }
  }
}
