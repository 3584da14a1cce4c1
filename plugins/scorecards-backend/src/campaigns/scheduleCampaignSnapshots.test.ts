import { mockServices } from '@backstage/backend-test-utils';
import { CampaignService } from './CampaignService';
import {
  CAMPAIGN_SNAPSHOT_TASK_ID,
  scheduleCampaignSnapshots,
} from './scheduleCampaignSnapshots';

describe('scheduleCampaignSnapshots', () => {
  it('syncs the code campaigns at once and snapshots progress every hour', async () => {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const syncCode = jest.fn(async () => {});
    const recordSnapshots = jest.fn(async () => 2);
    const campaigns = {
      syncCode,
      recordSnapshots,
    } as Partial<CampaignService> as CampaignService;
    await scheduleCampaignSnapshots({ scheduler, campaigns, logger });
    expect(syncCode).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: CAMPAIGN_SNAPSHOT_TASK_ID,
      frequency: { minutes: 60 },
    });
    expect(recordSnapshots).not.toHaveBeenCalled();
    await task.fn(new AbortController().signal);
    expect(recordSnapshots).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Recorded 2 campaign progress snapshots',
    );
  });

  it('keeps starting when the sync fails, and logs it', async () => {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const campaigns = {
      syncCode: jest.fn(async () => {
        throw new Error('db down');
      }),
      recordSnapshots: jest.fn(async () => 0),
    } as Partial<CampaignService> as CampaignService;
    await scheduleCampaignSnapshots({ scheduler, campaigns, logger });
    expect(logger.error).toHaveBeenCalledWith(
      "Could not sync the policy's campaigns: db down",
    );
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
  });
});
