import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
  testPolicy,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const campaign = {
  id: 'owners-for-team-a',
  title: 'Code owners for team A',
  owner: 'group:default/team-a',
  target: { gates: ['owners'] },
  selector: { owners: ['team-a'] },
  deadline: '2099-01-31',
};

describe('campaigns as code', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'are synced from the policy at start-up, changed and archived with it, %p',
    async databaseId => {
      const entities = [testComponent('a1'), testComponent('b1', 'team-b')];
      const first = await startScorecardsBackend({
        databases,
        databaseId,
        entities,
        policy: { ...testPolicy, campaigns: [campaign] },
      });
      const list = async (server: typeof first.backend.server) =>
        request(server)
          .get('/api/scorecards/campaigns?archived=true')
          .set('Authorization', mockCredentials.user.header());
      const res = await list(first.backend.server);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          codeId: 'owners-for-team-a',
          source: 'code',
          archived: false,
          deadline: '2099-01-31T00:00:00.000Z',
          // Only a1 is owned by team-a; it was never evaluated.
          progress: { total: 1, done: 0, remaining: 1, overdue: 0 },
        }),
      ]);
      await first.backend.stop();

      const renamed = await startScorecardsBackend({
        databases,
        databaseId,
        knex: first.knex,
        entities,
        policy: {
          ...testPolicy,
          campaigns: [{ ...campaign, title: 'Owners!' }],
        },
      });
      const again = (await list(renamed.backend.server)).body.items;
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({
        id: res.body.items[0].id,
        title: 'Owners!',
      });
      await renamed.backend.stop();

      const removed = await startScorecardsBackend({
        databases,
        databaseId,
        knex: first.knex,
        entities,
      });
      const gone = (await list(removed.backend.server)).body.items;
      expect(gone.map((c: { archived: boolean }) => c.archived)).toEqual([
        true,
      ]);
      await removed.backend.stop();
    },
  );
});
