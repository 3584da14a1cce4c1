import { screen, within } from '@testing-library/react';
import { EntitySloContent } from './EntitySloContent';
import {
  makeIncident,
  makeIncidents,
  makeReport,
  makeSlo,
  mockSloApi,
  workbookAlerts,
} from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { validateOverride } from './FreezeOverrideDialog';
import userEvent from '@testing-library/user-event';
import { waitFor } from '@testing-library/react';

const frozenReport = () =>
  makeReport({
    freeze: {
      frozen: true,
      reasons: ['budget exhausted'],
      exceptions: ['P0'],
      postmortemRequired: [],
    },
  });

describe('EntitySloContent', () => {
  it('shows objective, attainment, budget and time to exhaustion', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntitySloContent />, { api });
    const details = await screen.findByTestId('slo-details');
    expect(details).toHaveAttribute('data-slo', 'availability');
    expect(details).toHaveAttribute('data-band', 'green');
    expect(within(details).getByTestId('slo-objective')).toHaveTextContent(
      '99.9%',
    );
    expect(within(details).getByTestId('slo-attainment')).toHaveTextContent(
      '99.962%',
    );
    expect(screen.getByText('objective met')).toBeInTheDocument();
    expect(
      within(details).getByTestId('slo-budget-remaining'),
    ).toHaveTextContent('62.5%');
    expect(
      screen.getByText('625 of 1,000 events (375 spent)'),
    ).toBeInTheDocument();
    expect(
      within(details).getByTestId('slo-time-to-exhaustion'),
    ).toHaveTextContent('3d 4h');
    expect(screen.getByText('at burn rate 2x over 1h')).toBeInTheDocument();
    expect(screen.getByTestId('slo-content')).toHaveTextContent(
      'Datasource: prometheus',
    );
  });

  it('renders the burn-rate alert table with the workbook thresholds and highlights firing rules', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          slos: [makeSlo({ burnRateAlerts: workbookAlerts({ 6: true }) })],
        }),
      ),
    });
    await renderWithEntity(<EntitySloContent />, { api });
    const table = await screen.findByTestId('slo-burn-rate-table');
    const rows = within(table).getAllByTestId('slo-burn-rate-row');
    const cells = rows.map(row =>
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    );
    expect(cells).toEqual([
      ['page', '1h / 5m', '14.4x', '3.6x', '2.88x', '2%', '2d 2h', 'OK'],
      // rates at or over the threshold are marked, not only coloured
      [
        'page',
        '6h / 30m',
        '6x',
        '9x ▲(at or over threshold)',
        '12x ▲(at or over threshold)',
        '5%',
        '5d',
        'Firing',
      ],
      ['ticket', '1d / 2h', '3x', '0.75x', '0.6x', '10%', '10d', 'OK'],
      ['ticket', '3d / 6h', '1x', '0.25x', '0.2x', '10%', '30d', 'OK'],
    ]);
    expect(rows.map(r => r.getAttribute('data-firing'))).toEqual([
      'false',
      'true',
      'false',
      'false',
    ]);
    // Only the firing row carries the highlight class.
    expect(rows[1].className).not.toBe(rows[0].className);
    expect(rows[0].className).toBe(rows[2].className);
  });
});

describe('EntitySloContent, part 2', () => {
  it('draws the burn-down chart with incidents overlaid', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntitySloContent />, { api });
    const chart = await screen.findByTestId('slo-burndown-chart');
    const line = within(chart).getByTestId('slo-burndown-line');
    expect(line.getAttribute('d')).toMatch(/^M56,12 L\S+ L\S+ L704,\S+$/);
    expect(chart).toHaveTextContent('Budget remaining');
    expect(chart).toHaveTextContent('Time (UTC)');
    expect(chart).toHaveTextContent('100%');
    expect(chart).toHaveTextContent('0%');

    const overlays = await within(chart).findAllByTestId(
      'slo-incident-overlay',
    );
    // inc-1 (resolved), inc-2 (open), inc-3 (open) all fall inside the series.
    expect(overlays.map(o => o.getAttribute('data-incident')).sort()).toEqual([
      'inc-1',
      'inc-2',
      'inc-3',
    ]);
    const resolved = overlays.find(
      o => o.getAttribute('data-incident') === 'inc-1',
    )!;
    expect(resolved.querySelector('title')?.textContent).toBe(
      'P1 Checkout 5xx spike: 2026-11-21 10:00 UTC – 2026-11-21 11:05 UTC, consumed 12.5% of the budget',
    );
    const open = overlays.find(
      o => o.getAttribute('data-incident') === 'inc-2',
    )!;
    expect(open.querySelector('title')?.textContent).toContain('ongoing');
    // Point tooltips.
    expect(chart.querySelectorAll('circle title')[1].textContent).toBe(
      '2026-11-21 00:00 UTC: 90% budget remaining, attainment 99.95%, burn rate 1.00x',
    );
  });

  it('keeps working without incidents and reports the failure', async () => {
    const api = mockSloApi({
      getEntityIncidents: jest.fn(async () => {
        throw new Error('incidents store down');
      }),
    });
    await renderWithEntity(<EntitySloContent />, { api });
    expect(await screen.findByText(/incidents store down/)).toBeInTheDocument();
    const chart = screen.getByTestId('slo-burndown-chart');
    expect(within(chart).queryAllByTestId('slo-incident-overlay')).toHaveLength(
      0,
    );
  });
});

describe('EntitySloContent, part 3', () => {
  it('handles exhausted, idle and history-less SLOs', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          datasource: { name: 'demo', demo: true },
          freeze: {
            frozen: true,
            reasons: ['budget exhausted'],
            exceptions: [],
            postmortemRequired: [],
          },
          slos: [
            makeSlo({
              name: 'spent',
              attainment: 0.998,
              errorBudget: {
                total: 100,
                consumed: 130,
                remaining: -30,
                remainingPercent: -30,
              },
            }),
            makeSlo({
              name: 'idle',
              displayName: undefined,
              budgetingMethod: 'Timeslices',
              timeWindow: { duration: '1w', rolling: false },
              exhaustion: { burnRate: 0 },
              burnRateAlerts: [],
              series: [],
            }),
          ],
          errors: [{ slo: 'idle', message: 'no data' }],
        }),
      ),
      getEntityIncidents: jest.fn(async () => ({
        ...makeIncidents(),
        items: [makeIncident()],
      })),
    });
    await renderWithEntity(<EntitySloContent />, { api });
    const [spent, idle] = await screen.findAllByTestId('slo-details');
    expect(spent).toHaveAttribute('data-band', 'exhausted');
    expect(
      within(spent).getByTestId('slo-time-to-exhaustion'),
    ).toHaveTextContent('Exhausted');
    expect(within(spent).getByText('objective missed')).toBeInTheDocument();
    expect(
      within(idle).getByTestId('slo-time-to-exhaustion'),
    ).toHaveTextContent('Not burning');
    expect(
      within(idle).getByText('No burn-rate alerts are defined for this SLO.'),
    ).toBeInTheDocument();
    expect(within(idle).getByTestId('slo-burndown-empty')).toBeInTheDocument();
    expect(
      screen.getByText('Timeslices, 1w calendar window'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-freeze-banner')).toBeInTheDocument();
    expect(screen.getByTestId('slo-demo-label')).toBeInTheDocument();
    expect(screen.getByTestId('slo-error')).toHaveTextContent('idle: no data');
  });

  it('validates freeze overrides', () => {
    expect(validateOverride('hotfix', '4')).toEqual({});
    expect(validateOverride(' x ', '4').reason).toMatch(/at least 3/);
    expect(validateOverride('hotfix', '0').hours).toBeDefined();
    expect(validateOverride('hotfix', '200').hours).toBeDefined();
    expect(validateOverride('hotfix', 'abc').hours).toBeDefined();
  });
});

describe('EntitySloContent, part 4', () => {
  it('hides the override button without the override permission', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () => frozenReport()),
    });
    await renderWithEntity(<EntitySloContent />, { api, allowManage: false });
    await screen.findByTestId('slo-freeze-banner');
    expect(screen.queryByRole('button', { name: 'Override' })).toBeNull();
  });

  it('overrides a freeze for a number of hours', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () => frozenReport()),
    });
    await renderWithEntity(<EntitySloContent />, { api, allowManage: true });
    const banner = await screen.findByTestId('slo-freeze-banner');
    await userEvent.click(
      await within(banner).findByRole('button', { name: 'Override' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Override' }));
    expect(screen.getByText(/at least 3 characters/)).toBeInTheDocument();
    expect(api.overrideFreeze).not.toHaveBeenCalled();

    await userEvent.type(
      screen.getByTestId('override-reason-input'),
      'billing hotfix',
    );
    const hours = screen.getByTestId('override-hours-input');
    await userEvent.clear(hours);
    await userEvent.type(hours, '2');
    const before = Date.now();
    await userEvent.click(screen.getByRole('button', { name: 'Override' }));
    await waitFor(() => expect(api.overrideFreeze).toHaveBeenCalledTimes(1));
    const [ref, request] = api.overrideFreeze.mock.calls[0];
    expect(ref).toBe('component:default/payments');
    expect(request.reason).toBe('billing hotfix');
    const expires = Date.parse(request.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 3600_000);
    await waitFor(() => expect(api.getEntitySlos).toHaveBeenCalledTimes(2));
  });
});

describe('EntitySloContent, part 5', () => {
  it('reports a failed override', async () => {
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () => frozenReport()),
      overrideFreeze: jest.fn(async () => {
        throw new Error('missing permission slo.freeze.override');
      }),
    });
    await renderWithEntity(<EntitySloContent />, {
      api,
      allowManage: true,
      alertApi,
    });
    const banner = await screen.findByTestId('slo-freeze-banner');
    await userEvent.click(
      await within(banner).findByRole('button', { name: 'Override' }),
    );
    await userEvent.type(screen.getByTestId('override-reason-input'), 'hotfix');
    await userEvent.click(screen.getByRole('button', { name: 'Override' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message:
            'Could not override the freeze: missing permission slo.freeze.override',
        }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByTestId('override-reason-input')).toBeNull(),
    );
  });

  it('shows an error panel when the report fails', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () => {
        throw new Error('boom from backend');
      }),
    });
    await renderWithEntity(<EntitySloContent />, { api });
    expect(
      (await screen.findAllByText(/boom from backend/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('slo-content')).not.toBeInTheDocument();
  });
});
