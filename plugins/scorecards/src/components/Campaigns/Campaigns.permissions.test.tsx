// In its own file: usePermission caches decisions per permission (SWR).
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { scorecardsApiRef } from '../../api';
import { campaignSummary } from '../../testUtils/campaignFixtures';
import { mockScorecardsApi } from '../../testUtils/fixtures';
import { CampaignsView } from './CampaignsView';

describe('CampaignsView permissions', () => {
  it('offers no create button without scorecards.campaigns.manage', async () => {
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    const api = mockScorecardsApi({
      listCampaigns: jest.fn().mockResolvedValue({ items: [campaignSummary] }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scorecardsApiRef, api],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <CampaignsView />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Bronze for every service'),
    ).toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'scorecards.campaigns.manage',
        }),
      }),
    );
    expect(screen.queryByRole('button', { name: 'New campaign' })).toBeNull();
  });
});
