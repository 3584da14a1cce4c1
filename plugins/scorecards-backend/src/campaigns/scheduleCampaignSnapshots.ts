import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { assertError } from '@backstage/errors';
import { CampaignService } from './CampaignService';

/** Id of the scheduled task. */
export const CAMPAIGN_SNAPSHOT_TASK_ID = 'scorecards-campaign-snapshots';

/**
 * Syncs the policy's campaigns now, then records every hour the day's
 * progress snapshot of each active campaign (the first run of a day records
 * it; later runs that day find it recorded).
 */
export async function scheduleCampaignSnapshots(options: {
  scheduler: SchedulerService;
  campaigns: CampaignService;
  logger: LoggerService;
}): Promise<void> {
  const { campaigns, logger } = options;
  await campaigns.syncCode().catch(error => {
    assertError(error);
    logger.error(`Could not sync the policy's campaigns: ${error.message}`);
  });
  await options.scheduler.scheduleTask({
    id: CAMPAIGN_SNAPSHOT_TASK_ID,
    frequency: { minutes: 60 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 2 },
    fn: async () => {
      const recorded = await campaigns.recordSnapshots();
      if (recorded > 0) {
        logger.info(`Recorded ${recorded} campaign progress snapshots`);
      }
    },
  });
}
