import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EntityIncidentsCard,
  selectCardIncidents,
} from './EntityIncidentsCard';
import {
  makeIncident,
  makeIncidents,
  mockSloApi,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';

describe('selectCardIncidents', () => {
  it('lists open incidents first, newest first, then recent resolved ones', () => {
    const items = [
      makeIncident({ id: 'r-old', startedAt: '2026-11-01T00:00:00Z' }),
      makeIncident({ id: 'r-new', startedAt: '2026-11-20T00:00:00Z' }),
      makeIncident({
        id: 'o-old',
        status: 'acknowledged',
        startedAt: '2026-11-02T00:00:00Z',
      }),
      makeIncident({
        id: 'o-new',
        status: 'triggered',
        startedAt: '2026-11-21T00:00:00Z',
      }),
    ];
    expect(selectCardIncidents(items, 3).map(i => i.id)).toEqual([
      'o-new',
      'o-old',
      'r-new',
    ]);
    // Open incidents are never cut off.
    expect(selectCardIncidents(items, 1).map(i => i.id)).toEqual([
      'o-new',
      'o-old',
    ]);
  });
});

describe('EntityIncidentsCard', () => {
  it('shows counts, MTTA / MTTR, severities and postmortem links', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntityIncidentsCard />, { api });
    const card = await screen.findByTestId('incidents-card');
    expect(
      await within(card).findByTestId('incidents-count'),
    ).toHaveTextContent('3');
    expect(within(card).getByTestId('incidents-open')).toHaveTextContent('2');
    expect(within(card).getByTestId('incidents-mtta')).toHaveTextContent('12m');
    expect(within(card).getByTestId('incidents-mttr')).toHaveTextContent(
      '1h 5m',
    );
    const rows = within(card).getAllByTestId('incident-row');
    expect(rows.map(r => r.getAttribute('data-incident'))).toEqual([
      'inc-2',
      'inc-3',
      'inc-1',
    ]);
    expect(
      rows.map(r => within(r).getByTestId('incident-severity').textContent),
    ).toEqual(['P0', 'P3', 'P1']);
    const link = within(rows[2]).getByTestId('incident-postmortem');
    expect(link).toHaveAttribute('href', 'https://docs.example.com/pm/inc-1');
    expect(rows[2]).toHaveTextContent('consumed 12.5% of the error budget');
    expect(within(rows[0]).queryByTestId('incident-postmortem')).toBeNull();
  });

  it('hides acknowledge / resolve without the manage permission', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntityIncidentsCard />, {
      api,
      allowManage: false,
    });
    await screen.findAllByTestId('incident-row');
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Resolve/ })).toBeNull();
  });
});

describe('EntityIncidentsCard, part 2', () => {
  it('acknowledges and resolves incidents with the manage permission', async () => {
    const api = mockSloApi();
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderWithEntity(<EntityIncidentsCard />, {
      api,
      allowManage: true,
      alertApi,
    });
    const ack = await screen.findByRole('button', {
      name: 'Acknowledge incident inc-2',
    });
    // inc-3 is acknowledged already: only resolve is offered.
    expect(
      screen.queryByRole('button', { name: 'Acknowledge incident inc-3' }),
    ).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Resolve incident inc-1' }),
    ).toBeNull();
    await userEvent.click(ack);
    await waitFor(() =>
      expect(api.acknowledgeIncident).toHaveBeenCalledWith('inc-2'),
    );
    await waitFor(() =>
      expect(api.getEntityIncidents).toHaveBeenCalledTimes(2),
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message: 'Incident inc-2: acknowledged',
      }),
    );

    api.resolveIncident.mockRejectedValueOnce(new Error('forbidden'));
    await userEvent.click(
      screen.getByRole('button', { name: 'Resolve incident inc-3' }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message: 'Could not resolve incident inc-3: forbidden',
        }),
      ),
    );
  });
});

describe('EntityIncidentsCard, part 3', () => {
  it('shows an empty state and backend errors', async () => {
    const empty = mockSloApi({
      getEntityIncidents: jest.fn(async () => ({
        items: [],
        stats: { count: 0, open: 0, budgetConsumedPercentByIncident: [] },
      })),
    });
    const { unmount } = await renderWithEntity(<EntityIncidentsCard />, {
      api: empty,
    });
    expect(
      await screen.findByText('No incidents recorded for this entity.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('incidents-mtta')).toHaveTextContent('—');
    unmount();

    const failing = mockSloApi({
      getEntityIncidents: jest.fn(async () => {
        throw new Error('incident store offline');
      }),
    });
    await renderWithEntity(<EntityIncidentsCard variant="fullHeight" />, {
      api: failing,
    });
    expect(
      (await screen.findAllByText(/incident store offline/)).length,
    ).toBeGreaterThan(0);
  });

  it('uses the stats of the backend as given', async () => {
    const api = mockSloApi({
      getEntityIncidents: jest.fn(async () => ({
        ...makeIncidents(),
        stats: {
          ...makeIncidents().stats,
          mttaSeconds: 45,
          mttrSeconds: 2 * 86400 + 3 * 3600,
        },
      })),
    });
    await renderWithEntity(<EntityIncidentsCard />, { api });
    expect(await screen.findByTestId('incidents-mtta')).toHaveTextContent(
      '45s',
    );
    expect(screen.getByTestId('incidents-mttr')).toHaveTextContent('2d 3h');
  });
});
