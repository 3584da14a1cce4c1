import { screen, within } from '@testing-library/react';
import { EntitySloCard } from './EntitySloCard';
import { makeReport, makeSlo, mockSloApi } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';

function budget(remainingPercent: number) {
  return {
    total: 1000,
    consumed: 1000 - remainingPercent * 10,
    remaining: remainingPercent * 10,
    remainingPercent,
  };
}

describe('EntitySloCard', () => {
  it('chooses the colour band of each SLO from its remaining budget', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          slos: [
            makeSlo({ name: 'healthy', errorBudget: budget(75) }),
            makeSlo({ name: 'watch', errorBudget: budget(35) }),
            makeSlo({ name: 'critical', errorBudget: budget(12) }),
            makeSlo({ name: 'spent', errorBudget: budget(-20) }),
          ],
        }),
      ),
    });
    await renderWithEntity(<EntitySloCard />, { api });

    expect(api.getEntitySlos).toHaveBeenCalledWith(
      'component:default/payments',
    );
    const rows = await screen.findAllByTestId('slo-budget-row');
    expect(
      rows.map(r => [r.getAttribute('data-slo'), r.getAttribute('data-band')]),
    ).toEqual([
      ['healthy', 'green'],
      ['watch', 'amber'],
      ['critical', 'red'],
      ['spent', 'exhausted'],
    ]);
    expect(
      within(rows[1]).getByTestId('slo-budget-remaining'),
    ).toHaveTextContent('35% budget left (Watch)');
    expect(
      within(rows[3]).getByTestId('slo-budget-remaining'),
    ).toHaveTextContent('-20% budget left (Exhausted)');
    // One gauge per SLO, clamped to 0-100.
    const gauges = screen.getAllByTestId('slo-budget-gauge');
    expect(gauges.map(g => g.getAttribute('aria-valuenow'))).toEqual([
      '75',
      '35',
      '12',
      '0',
    ]);
    expect(gauges.map(g => g.getAttribute('data-band'))).toEqual([
      'green',
      'amber',
      'red',
      'exhausted',
    ]);
    expect(within(rows[3]).getByText('Budget exhausted')).toBeInTheDocument();
    expect(within(rows[0]).queryByText('Budget exhausted')).toBeNull();
    expect(screen.queryByTestId('slo-freeze-banner')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slo-demo-label')).not.toBeInTheDocument();
  });
});

describe('EntitySloCard, part 2', () => {
  it('shows the freeze banner with reasons, exceptions and postmortems', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          slos: [makeSlo({ errorBudget: budget(-5) })],
          freeze: {
            frozen: true,
            reasons: [
              'availability: error budget exhausted (-5% remaining over 30d)',
            ],
            exceptions: ['P0', 'security'],
            postmortemRequired: [{ incidentId: 'inc-7', percent: 23.4 }],
          },
        }),
      ),
    });
    await renderWithEntity(<EntitySloCard />, { api });

    const banner = await screen.findByTestId('slo-freeze-banner');
    expect(banner).toHaveTextContent('Change freeze: error budget exhausted');
    expect(banner).toHaveTextContent(
      'availability: error budget exhausted (-5% remaining over 30d)',
    );
    expect(banner).toHaveTextContent(
      'Still allowed during the freeze: P0 fixes, security fixes.',
    );
    expect(
      within(banner).getByTestId('slo-postmortem-required'),
    ).toHaveTextContent(
      'Postmortem required: incident inc-7 consumed 23.4% of the error budget.',
    );
  });

  it('shows postmortem notices and overrides without a freeze', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          freeze: {
            frozen: false,
            reasons: [],
            exceptions: [],
            postmortemRequired: [{ incidentId: 'inc-9', percent: 21 }],
            override: {
              by: 'user:default/sre-lead',
              reason: 'hotfix for billing',
              expiresAt: '2026-11-25T08:00:00Z',
            },
          },
        }),
      ),
    });
    await renderWithEntity(<EntitySloCard />, { api });
    expect(
      await screen.findByTestId('slo-postmortem-required'),
    ).toHaveTextContent('incident inc-9 consumed 21%');
    expect(screen.queryByTestId('slo-freeze-banner')).not.toBeInTheDocument();
    expect(screen.getByTestId('slo-freeze-override')).toHaveTextContent(
      'Freeze overridden by user:default/sre-lead until 2026-11-25 08:00 UTC: hotfix for billing',
    );
  });
});

describe('EntitySloCard, part 3', () => {
  it('labels demo data and shows per-SLO and global errors', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          datasource: { name: 'demo', demo: true },
          slos: [
            makeSlo({
              burnRateAlerts: makeSlo().burnRateAlerts.map((a, i) => ({
                ...a,
                firing: i === 0,
              })),
            }),
          ],
          errors: [
            { slo: 'availability', message: 'query returned no data for 2h' },
            { message: 'datasource slow' },
            { slo: 'latency', message: 'invalid OpenSLO: missing target' },
          ],
        }),
      ),
    });
    await renderWithEntity(<EntitySloCard />, { api });
    expect(await screen.findByTestId('slo-demo-label')).toHaveTextContent(
      'DEMO DATA',
    );
    const errors = screen.getAllByTestId('slo-error').map(e => e.textContent);
    expect(errors).toEqual([
      'datasource slow',
      'availability: query returned no data for 2h',
      'latency: invalid OpenSLO: missing target',
    ]);
    expect(screen.getByText('page alert firing (14.4x)')).toBeInTheDocument();
    expect(screen.getByText(/exhausted in 3d 4h/)).toBeInTheDocument();
  });

  it('says when no SLOs are defined', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () => makeReport({ slos: [] })),
    });
    await renderWithEntity(<EntitySloCard variant="fullHeight" />, { api });
    expect(
      await screen.findByText('No SLOs are defined for this entity.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-card')).toBeInTheDocument();
  });

  it('shows backend errors', async () => {
    const api = mockSloApi({
      getEntitySlos: jest.fn(async () => {
        throw new Error('slo backend unavailable');
      }),
    });
    await renderWithEntity(<EntitySloCard />, { api });
    expect(
      (await screen.findAllByText(/slo backend unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('slo-budget-row')).not.toBeInTheDocument();
  });
});
