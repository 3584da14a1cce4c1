import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactNode } from 'react';
import { scorecardsApiRef } from '../../api';
import {
  campaignDetails,
  campaignSummary,
  codeCampaign,
} from '../../testUtils/campaignFixtures';
import { entity, mockScorecardsApi } from '../../testUtils/fixtures';
import { CampaignDetails } from './CampaignDetails';
import { CampaignProgressChart } from './CampaignProgressChart';
import { CampaignsView } from './CampaignsView';
import { EntityCampaignsCard } from './EntityCampaignsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function render(
  api: ReturnType<typeof mockScorecardsApi>,
  children: ReactNode,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardsApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {children}
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('CampaignsView', () => {
  it('lists campaigns with deadline and progress, and opens one', async () => {
    const api = mockScorecardsApi({
      listCampaigns: jest
        .fn()
        .mockResolvedValue({ items: [campaignSummary, codeCampaign] }),
      getCampaign: jest.fn().mockResolvedValue(campaignDetails),
    });
    await render(api, <CampaignsView />);
    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Bronze for every service');
    expect(rows[1]).toHaveTextContent('2027-01-31');
    expect(rows[1]).toHaveTextContent('1/4 done');
    expect(rows[2]).toHaveTextContent('as code');
    expect(rows[2]).toHaveTextContent('2 overdue');
    expect(
      screen.getByRole('progressbar', {
        name: 'Bronze for every service: 25% done',
      }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByText('Bronze for every service'));
    expect(api.getCampaign).toHaveBeenCalledWith(campaignSummary.id);
    expect(
      await screen.findByRole(
        'table',
        { name: 'Progress per team' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
  });

  it('creates a campaign with an Idempotency-Key when allowed', async () => {
    const api = mockScorecardsApi({
      createCampaign: jest.fn().mockResolvedValue(campaignSummary),
      getCampaign: jest.fn().mockResolvedValue(campaignDetails),
    });
    await render(api, <CampaignsView />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    await userEvent.type(screen.getByLabelText(/Title/), 'Coverage push');
    await userEvent.type(
      screen.getByLabelText(/Owner/),
      'group:default/platform-team',
    );
    await userEvent.type(screen.getByLabelText(/^Kinds/), 'Component, API');
    await userEvent.type(screen.getByLabelText(/Deadline/), '2027-02-01');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(api.createCampaign).toHaveBeenCalledTimes(1));
    expect(api.createCampaign).toHaveBeenCalledWith(
      {
        title: 'Coverage push',
        owner: 'group:default/platform-team',
        target: {},
        selector: { kinds: ['Component', 'API'] },
        deadline: '2027-02-01',
      },
      { idempotencyKey: expect.any(String) },
    );
  });

  it('shows the backend error of a refused create', async () => {
    const api = mockScorecardsApi({
      createCampaign: jest
        .fn()
        .mockRejectedValue(new Error('deadline must be in the future')),
    });
    await render(api, <CampaignsView />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText('deadline must be in the future'),
    ).toBeInTheDocument();
  });
});

describe('CampaignDetails', () => {
  it('shows the chart with a text alternative, teams and what remains', async () => {
    const api = mockScorecardsApi({
      getCampaign: jest.fn().mockResolvedValue(campaignDetails),
    });
    await render(api, <CampaignDetails id={campaignSummary.id} />);
    expect(
      await screen.findByRole('img', { name: 'Campaign progress over 3 days' }),
    ).toBeInTheDocument();
    const days = screen.getByRole('table', {
      name: 'Campaign progress per day',
    });
    expect(within(days).getAllByRole('row')[2]).toHaveTextContent(
      '2026-12-03130',
    );
    // today's live counts until today's snapshot is recorded
    expect(within(days).getAllByRole('row')[3]).toHaveTextContent(
      /^\d{4}-\d{2}-\d{2} \(now\)130$/,
    );
    const teams = screen.getByRole('table', { name: 'Progress per team' });
    expect(within(teams).getAllByRole('row')[1]).toHaveTextContent(
      'payments-team120',
    );
    const remaining = screen.getByRole('table', { name: 'Remaining entities' });
    expect(remaining).toHaveTextContent('coverage: fail');
    expect(remaining).toHaveTextContent('not evaluated yet');
    expect(
      screen.getByText(/1 of 4 done, 3 remaining, 0 overdue/),
    ).toBeInTheDocument();
  });

  it('archives a UI campaign for holders of the manage permission', async () => {
    const getCampaign = jest
      .fn()
      .mockResolvedValueOnce(campaignDetails)
      .mockResolvedValue({ ...campaignDetails, archived: true });
    const api = mockScorecardsApi({
      getCampaign,
      updateCampaign: jest.fn().mockResolvedValue(campaignSummary),
    });
    await render(api, <CampaignDetails id={campaignSummary.id} />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Archive' }),
    );
    expect(api.updateCampaign).toHaveBeenCalledWith(campaignSummary.id, {
      archived: true,
    });
    expect(await screen.findByText(/\(archived\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
  });

  it('draws today from the live counts before the first snapshot', async () => {
    const api = mockScorecardsApi({
      getCampaign: jest.fn().mockResolvedValue({
        ...campaignDetails,
        history: [],
        remainingEntities: [],
      }),
    });
    await render(api, <CampaignDetails id={campaignSummary.id} />);
    expect(
      await screen.findByRole('img', { name: 'Campaign progress over 1 day' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Every entity has reached the target.'),
    ).toBeInTheDocument();
  });
});

describe('CampaignProgressChart', () => {
  it('says so when there is nothing to draw', async () => {
    await render(mockScorecardsApi(), <CampaignProgressChart history={[]} />);
    expect(
      await screen.findByText(/No progress snapshots yet/),
    ).toBeInTheDocument();
  });

  it('does not add a live point when today is stored', async () => {
    const progress = { total: 2, done: 1, remaining: 1, overdue: 0 };
    await render(
      mockScorecardsApi(),
      <CampaignProgressChart
        history={[
          { kind: 'snapshot', at: '2026-12-04T01:00:00.000Z', progress },
        ]}
        current={{ ...progress, done: 2, remaining: 0 }}
        now={new Date('2026-12-04T15:00:00.000Z')}
      />,
    );
    expect(
      await screen.findByRole('img', { name: 'Campaign progress over 1 day' }),
    ).toBeInTheDocument();
  });
});

describe('EntityCampaignsCard', () => {
  it("shows the entity's campaigns with deadline and its status", async () => {
    const api = mockScorecardsApi({
      getEntityCampaigns: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments-api',
        items: [
          {
            campaign: campaignSummary,
            status: 'remaining',
            gates: [{ gateId: 'coverage', status: 'fail' }],
          },
        ],
      }),
    });
    await render(
      api,
      <EntityProvider entity={entity}>
        <EntityCampaignsCard />
      </EntityProvider>,
    );
    const card = await screen.findByRole('list', { name: 'Campaigns' });
    expect(card).toHaveTextContent('Bronze for every service');
    expect(card).toHaveTextContent('due 2027-01-31');
    expect(card).toHaveTextContent('fix coverage');
    expect(card).toHaveTextContent('remaining');
    expect(api.listCampaigns).not.toHaveBeenCalled();
  });

  it("shows a group's campaigns with its entities' counts", async () => {
    const api = mockScorecardsApi({
      listCampaigns: jest.fn().mockResolvedValue({ items: [codeCampaign] }),
    });
    const group = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments-team', namespace: 'default' },
    };
    await render(
      api,
      <EntityProvider entity={group}>
        <EntityCampaignsCard />
      </EntityProvider>,
    );
    const card = await screen.findByRole('list', { name: 'Campaigns' });
    expect(card).toHaveTextContent('0/2 done');
    expect(card).toHaveTextContent('2 overdue');
    expect(api.listCampaigns).toHaveBeenCalledWith({
      owner: 'group:default/payments-team',
    });
  });
});
