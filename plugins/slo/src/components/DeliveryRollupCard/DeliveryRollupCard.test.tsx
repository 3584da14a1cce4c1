import { fireEvent, screen, within } from '@testing-library/react';
import { mockSloApi } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/render';
import { DeliveryRollupCard } from './DeliveryRollupCard';

describe('DeliveryRollupCard', () => {
  it('rolls up per team and switches to system and domain', async () => {
    const api = mockSloApi();
    await renderWithEntity(<DeliveryRollupCard />, { api });
    expect(api.getDeliveryRollup).toHaveBeenCalledWith({
      by: 'owner',
      windowDays: 90,
    });
    const [row] = screen.getAllByTestId('delivery-rollup-row');
    expect(within(row).getByText('group:default/payments')).toBeInTheDocument();
    expect(within(row).getByText('1 entity')).toBeInTheDocument();
    expect(within(row).getByText('target not met')).toBeInTheDocument();
    expect(within(row).getByText('target met')).toBeInTheDocument();
    expect(
      within(row).getByRole('img', {
        name: 'Deployments per week of group:default/payments: 3, 2',
      }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Domain' }));
    expect(
      await screen.findByText('domain:default/payments'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Domain' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(api.getDeliveryRollup).toHaveBeenLastCalledWith({
      by: 'domain',
      windowDays: 90,
    });
  });

  it('says so when nothing was reported', async () => {
    const api = mockSloApi({
      getDeliveryRollup: jest.fn(async () => ({
        by: 'system' as const,
        window: { start: '', end: '' },
        items: [],
        demo: false,
      })),
    });
    await renderWithEntity(<DeliveryRollupCard by="system" />, { api });
    expect(
      screen.getByText('No deployments reported in this window.'),
    ).toBeInTheDocument();
  });
});
