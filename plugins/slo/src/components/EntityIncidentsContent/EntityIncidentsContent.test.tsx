import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EntityIncidentsContent,
  matchesFilter,
} from './EntityIncidentsContent';
import { incidentBudgetConsumed } from './IncidentsTable';
import { validatePostmortemUrl } from './PostmortemDialog';
import {
  makeIncident,
  makeIncidents,
  makeReport,
  mockSloApi,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';

function rowIds() {
  return screen
    .getAllByTestId('incident-table-row')
    .map(r => r.getAttribute('data-incident'));
}

describe('incident helpers', () => {
  it('filters by status', () => {
    const triggered = makeIncident({ status: 'triggered' });
    const resolved = makeIncident({ status: 'resolved' });
    expect(matchesFilter(triggered, 'open')).toBe(true);
    expect(matchesFilter(resolved, 'open')).toBe(false);
    expect(matchesFilter(resolved, 'resolved')).toBe(true);
    expect(matchesFilter(triggered, 'acknowledged')).toBe(false);
    expect(matchesFilter(triggered, 'all')).toBe(true);
  });

  it('takes budget consumed from the incident, else from the stats', () => {
    const { stats } = makeIncidents();
    expect(
      incidentBudgetConsumed(
        makeIncident({ id: 'inc-2', budgetConsumedPercent: undefined }),
        stats,
      ),
    ).toBe(3.25);
    expect(
      incidentBudgetConsumed(makeIncident({ budgetConsumedPercent: 7 }), stats),
    ).toBe(7);
    expect(
      incidentBudgetConsumed(
        makeIncident({ id: 'x', budgetConsumedPercent: undefined }),
        stats,
      ),
    ).toBeUndefined();
  });

  it('validates postmortem URLs', () => {
    expect(
      validatePostmortemUrl('https://docs.example.com/pm/1'),
    ).toBeUndefined();
    expect(validatePostmortemUrl(' http://wiki/pm ')).toBeUndefined();
    expect(validatePostmortemUrl('')).toBe('Enter the postmortem URL');
    expect(validatePostmortemUrl('ftp://files/pm/1')).toMatch(/https/);
    expect(validatePostmortemUrl('docs/pm/1')).toMatch(/absolute URL/);
  });
});

describe('EntityIncidentsContent', () => {
  it('lists all incidents with timings and budget, filters by status', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntityIncidentsContent />, { api });
    await screen.findByTestId('incidents-table');
    expect(rowIds()).toEqual(['inc-2', 'inc-3', 'inc-1']);

    const resolvedRow = screen
      .getAllByTestId('incident-table-row')
      .find(r => r.getAttribute('data-incident') === 'inc-1')!;
    const cells = within(resolvedRow)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells.slice(1, 8)).toEqual([
      'Checkout 5xx spikeinc-1 · alertmanager',
      'resolved',
      '2026-11-21 10:00 UTC',
      '12m',
      '1h 5m',
      '12.5%',
      'Postmortem, Opens in a new window',
    ]);
    // inc-2 has no budget on the incident: taken from stats.
    const budgets = screen
      .getAllByTestId('incident-budget')
      .map(c => c.textContent);
    expect(budgets).toEqual(['3.3%', '24%', '12.5%']);

    expect(screen.getByTestId('incidents-filter-open')).toHaveTextContent(
      'open (2)',
    );
    await userEvent.click(screen.getByTestId('incidents-filter-open'));
    expect(rowIds()).toEqual(['inc-2', 'inc-3']);
    await userEvent.click(screen.getByTestId('incidents-filter-resolved'));
    expect(rowIds()).toEqual(['inc-1']);
    await userEvent.click(screen.getByTestId('incidents-filter-acknowledged'));
    expect(rowIds()).toEqual(['inc-3']);
    // Clicking the selected filter again keeps it.
    await userEvent.click(screen.getByTestId('incidents-filter-acknowledged'));
    expect(rowIds()).toEqual(['inc-3']);
  });

  it('flags required postmortems and hides editing without permission', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          freeze: {
            frozen: false,
            reasons: [],
            exceptions: [],
            postmortemRequired: [{ incidentId: 'inc-3', percent: 24 }],
          },
        }),
      ),
    });
    await renderWithEntity(<EntityIncidentsContent />, { api });
    const required = await screen.findByTestId('incident-postmortem-required');
    expect(
      required.closest('[data-testid="incident-table-row"]'),
    ).toHaveAttribute('data-incident', 'inc-3');
    expect(
      screen.queryByRole('button', { name: /Edit postmortem/ }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: /Resolve/ })).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Declare incident' }),
    ).toBeNull();
  });
});

describe('EntityIncidentsContent, part 2', () => {
  it('declares an incident with the manage permission', async () => {
    const api = mockSloApi();
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderWithEntity(<EntityIncidentsContent />, {
      api,
      allowManage: true,
      alertApi,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Declare incident' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(screen.getByText('Enter a title')).toBeInTheDocument();
    expect(api.createIncident).not.toHaveBeenCalled();

    await userEvent.type(
      screen.getByTestId('declare-title-input'),
      '  Card declines  ',
    );
    await userEvent.click(screen.getByRole('button', { name: /P2/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'P1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() =>
      expect(api.createIncident).toHaveBeenCalledWith({
        entityRef: 'component:default/payments',
        title: 'Card declines',
        severity: 'P1',
        description: undefined,
      }),
    );
    await waitFor(() =>
      expect(api.getEntityIncidents).toHaveBeenCalledTimes(2),
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Incident inc-new declared' }),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('declare-title-input')).toBeNull(),
    );
  });

  it('keeps the declare dialog open when the backend refuses', async () => {
    const api = mockSloApi({
      createIncident: jest.fn(async () => {
        throw new Error('missing permission slo.incidents.manage');
      }),
    });
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderWithEntity(<EntityIncidentsContent />, {
      api,
      allowManage: true,
      alertApi,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Declare incident' }),
    );
    await userEvent.type(screen.getByTestId('declare-title-input'), 'Outage');
    await userEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message:
            'Could not declare the incident: missing permission slo.incidents.manage',
        }),
      ),
    );
    expect(screen.getByTestId('declare-title-input')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByTestId('declare-title-input')).toBeNull(),
    );
  });
});

describe('EntityIncidentsContent, part 3', () => {
  it('edits the postmortem link with validation', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntityIncidentsContent />, {
      api,
      allowManage: true,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Edit postmortem link of inc-3',
      }),
    );
    const input = screen.getByTestId('postmortem-url-input');
    await userEvent.type(input, 'not a url');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText(/Enter an absolute URL/)).toBeInTheDocument();
    expect(api.setPostmortem).not.toHaveBeenCalled();

    await userEvent.clear(input);
    await userEvent.type(input, 'https://docs.example.com/pm/inc-3');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.setPostmortem).toHaveBeenCalledWith(
        'inc-3',
        'https://docs.example.com/pm/inc-3',
      ),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('postmortem-url-input')).toBeNull(),
    );
    expect(api.getEntityIncidents).toHaveBeenCalledTimes(2);
  });

  it('keeps the dialog open when saving fails and can be cancelled', async () => {
    const api = mockSloApi({
      setPostmortem: jest.fn(async () => {
        throw new Error('nope');
      }),
    });
    await renderWithEntity(<EntityIncidentsContent />, {
      api,
      allowManage: true,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Edit postmortem link of inc-1',
      }),
    );
    const input = screen.getByTestId('postmortem-url-input');
    expect(input).toHaveValue('https://docs.example.com/pm/inc-1');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.setPostmortem).toHaveBeenCalled());
    expect(screen.getByTestId('postmortem-url-input')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByTestId('postmortem-url-input')).toBeNull(),
    );
  });

  it('resolves from the table with permission', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntityIncidentsContent />, {
      api,
      allowManage: true,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Resolve incident inc-2' }),
    );
    await waitFor(() =>
      expect(api.resolveIncident).toHaveBeenCalledWith('inc-2'),
    );
  });
});

describe('EntityIncidentsContent, part 4', () => {
  it('shows empty filters and backend errors', async () => {
    const api = mockSloApi({
      getEntityIncidents: jest.fn(async () => ({
        items: [makeIncident()],
        stats: { count: 1, open: 0, budgetConsumedPercentByIncident: [] },
      })),
    });
    const { unmount } = await renderWithEntity(<EntityIncidentsContent />, {
      api,
    });
    await userEvent.click(await screen.findByTestId('incidents-filter-open'));
    expect(screen.getByText('No open incidents.')).toBeInTheDocument();
    unmount();

    const failing = mockSloApi({
      getEntityIncidents: jest.fn(async () => {
        throw new Error('cannot list incidents');
      }),
    });
    await renderWithEntity(<EntityIncidentsContent />, { api: failing });
    expect(
      (await screen.findAllByText(/cannot list incidents/)).length,
    ).toBeGreaterThan(0);
  });
});
