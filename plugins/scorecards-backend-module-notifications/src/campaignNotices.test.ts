import { ConfigReader } from '@backstage/config';
import { campaignNotice, campaignSubject } from './campaignNotices';
import { readNotificationsConfig } from './config';

const DAY = 86_400_000;
const now = new Date('2026-12-04T12:00:00.000Z');
const config = readNotificationsConfig(new ConfigReader({}));
const inDays = (days: number) =>
  new Date(now.getTime() + days * DAY).toISOString();
const campaign = (deadline: string) => ({
  id: 'c1',
  title: 'Code owners',
  deadline,
});
const team = (remaining: number, overdue = 0) => ({
  owner: 'group:default/team-a',
  remaining,
  overdue,
});

describe('campaignNotice', () => {
  it('warns a team with entities to fix within the warning days', () => {
    const deadline = inDays(5);
    expect(
      campaignNotice({
        campaign: campaign(deadline),
        team: team(2),
        now,
        config,
      }),
    ).toMatchObject({
      kind: 'campaignDue',
      key: `campaign:c1:due:${deadline}`,
      title: 'Campaign "Code owners" is due in 5 day(s)',
      severity: 'normal',
    });
    expect(config.campaignWarningDays).toBe(7);
  });

  it('says nothing to a team that is done, or before the warning days', () => {
    expect(
      campaignNotice({
        campaign: campaign(inDays(5)),
        team: team(0),
        now,
        config,
      }),
    ).toBeUndefined();
    expect(
      campaignNotice({
        campaign: campaign(inDays(8)),
        team: team(3),
        now,
        config,
      }),
    ).toBeUndefined();
    expect(
      campaignNotice({
        campaign: campaign('not a date'),
        team: team(3),
        now,
        config,
      }),
    ).toBeUndefined();
  });

  it('tells a team with overdue entities that the deadline passed', () => {
    const deadline = inDays(-1);
    expect(
      campaignNotice({
        campaign: campaign(deadline),
        team: team(0, 4),
        now,
        config,
      }),
    ).toMatchObject({
      key: `campaign:c1:passed:${deadline}`,
      severity: 'high',
      description: expect.stringContaining('4 of your entities'),
    });
    expect(
      campaignNotice({
        campaign: campaign(deadline),
        team: team(0, 0),
        now,
        config,
      }),
    ).toBeUndefined();
  });

  it('follows the configured warning days, and a moved deadline is a new notice', () => {
    const wide = readNotificationsConfig(
      new ConfigReader({
        scorecards: { notifications: { campaignWarningDays: 30 } },
      }),
    );
    const first = campaignNotice({
      campaign: campaign(inDays(20)),
      team: team(1),
      now,
      config: wide,
    });
    const moved = campaignNotice({
      campaign: campaign(inDays(25)),
      team: team(1),
      now,
      config: wide,
    });
    expect(first?.key).not.toBe(moved?.key);
    expect(() =>
      readNotificationsConfig(
        new ConfigReader({
          scorecards: { notifications: { campaignWarningDays: -1 } },
        }),
      ),
    ).toThrow(/campaignWarningDays/);
    expect(campaignSubject('c1', 'group:default/team-a')).toBe(
      'campaign:c1|group:default/team-a',
    );
  });
});
