import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import plugin, {
  scorecardsCampaignsPage,
  scorecardsEntityCampaignsCard,
} from '../../alpha';
import { scorecardsApiRef } from '../../api';
import { campaignsRouteRef } from '../../routes';
import { campaignSummary } from '../../testUtils/campaignFixtures';
import { entity, mockScorecardsApi } from '../../testUtils/fixtures';

describe('campaign extensions of the alpha plugin', () => {
  it('registers the campaigns page and entity card', () => {
    expect(plugin.routes.campaigns).toBe(campaignsRouteRef);
    expect(plugin.getExtension('page:scorecards/campaigns')).toMatchObject({
      kind: 'page',
      name: 'campaigns',
    });
    const filter = createExtensionTester(scorecardsEntityCampaignsCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(entity)).toBe(true);
    expect(filter?.({ ...entity, kind: 'Group' })).toBe(true);
    expect(filter?.({ ...entity, kind: 'User' })).toBe(false);
  });

  it('mounts the page at /campaigns and lists the campaigns', async () => {
    const tester = createExtensionTester(scorecardsCampaignsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/campaigns');
    renderInTestApp(tester.reactElement(), {
      apis: [
        [
          scorecardsApiRef,
          mockScorecardsApi({
            listCampaigns: jest
              .fn()
              .mockResolvedValue({ items: [campaignSummary] }),
          }),
        ],
        [permissionApiRef, mockApis.permission()],
      ],
    });
    expect(
      await screen.findByText('Bronze for every service'),
    ).toBeInTheDocument();
  });
});
