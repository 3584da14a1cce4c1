import { screen, within } from '@testing-library/react';
import { mockSloApi } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { formatMinutes } from './deliveryFormat';
import { EntityDeliveryMetricsCard } from './EntityDeliveryMetricsCard';

describe('EntityDeliveryMetricsCard', () => {
  it('shows the five metrics with targets, met / not met in words and trends', async () => {
    const api = mockSloApi();
    await renderWithEntity(<EntityDeliveryMetricsCard windowDays={14} />, {
      api,
    });
    expect(api.getEntityDeliveryMetrics).toHaveBeenCalledWith(
      'component:default/payments',
      { windowDays: 14 },
    );
    const row = (key: string) => within(screen.getByTestId(`delivery-${key}`));
    expect(
      row('deploymentFrequency').getByText('2.5 / week'),
    ).toBeInTheDocument();
    expect(row('leadTimeMedian').getByText('1 h 30 min')).toBeInTheDocument();
    expect(row('leadTimeMedian').getByText('p90 1 d')).toBeInTheDocument();
    expect(row('changeFailureRate').getByText('60 %')).toBeInTheDocument();
    expect(row('mttr').getByText('1 h 23 min')).toBeInTheDocument();
    expect(row('mttr').getByText('target ≤ 1 h')).toBeInTheDocument();
    expect(row('mttr').getByText('Not met')).toBeInTheDocument();
    expect(
      row('rollbackTime').getByText('target ≤ 10 min'),
    ).toBeInTheDocument();
    expect(row('rollbackTime').getByText('Met')).toBeInTheDocument();
    expect(row('changeFailureRate').getByText('no target')).toBeInTheDocument();
    // the trend is announced in words, not only drawn
    expect(
      row('deploymentFrequency').getByRole('img', {
        name: 'Deployment frequency per week, 2 weeks: 3 / week, 2 / week',
      }),
    ).toBeInTheDocument();
    expect(
      row('rollbackTime').getByRole('img', {
        name: 'Rollback time (p90) per week, 2 weeks: 8 min, –',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('delivery-demo-label')).toHaveTextContent(
      'DEMO DATA',
    );
  });

  it('shows the error of a failed request', async () => {
    const api = mockSloApi({
      getEntityDeliveryMetrics: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderWithEntity(<EntityDeliveryMetricsCard />, { api });
    expect((await screen.findAllByText('Error')).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('delivery-mttr')).not.toBeInTheDocument();
  });

  it('formats minutes, hours and days', () => {
    expect(formatMinutes(8.25)).toBe('8.3 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(125)).toBe('2 h 5 min');
    expect(formatMinutes(3 * 1440 + 240)).toBe('3 d 4 h');
  });
});
