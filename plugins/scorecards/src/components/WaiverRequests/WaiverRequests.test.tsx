import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scorecardsApiRef } from '../../api';
import {
  ENTITY_REF,
  makeScorecard,
  mockScorecardsApi,
  waiverRequests,
} from '../../testUtils/fixtures';
import {
  gateRow,
  renderScorecardContent,
} from '../../__testUtils__/renderScorecardContent';
import { WaiverRequestsView } from './WaiverRequestsView';
import { expiryBounds, WaiverStateChip } from './WaiverStateChip';

describe('waiver requests on the entity scorecard', () => {
  it('offers a request on failing gates without an open request', async () => {
    await renderScorecardContent();
    await screen.findAllByTestId('scorecard-gate-row');
    await waitFor(() =>
      expect(
        within(gateRow('lint-clean')).getByTestId('gate-request-waiver'),
      ).toBeInTheDocument(),
    );
    // security-scans has an open request, coverage passes, branch-protection is waived.
    for (const gateId of ['security-scans', 'coverage-lines']) {
      expect(
        within(gateRow(gateId)).queryByTestId('gate-request-waiver'),
      ).toBeNull();
    }
    const waiver = within(gateRow('branch-protection')).getByTestId(
      'gate-waiver',
    );
    expect(waiver).toHaveTextContent('Waiver as code (annotation)');
  });

  it('lists the entity requests with their state', async () => {
    await renderScorecardContent();
    const card = await screen.findByTestId('entity-waiver-requests');
    await waitFor(() =>
      expect(within(card).getAllByTestId('waiver-request-row')).toHaveLength(2),
    );
    const rows = within(card).getAllByTestId('waiver-request-row');
    expect(rows[0]).toHaveTextContent('Requested');
    expect(rows[0]).toHaveTextContent('Scanner migration in progress');
    expect(rows[1]).toHaveTextContent('Approved');
    expect(rows[1]).toHaveTextContent('by user:default/guest');
    expect(rows[1]).toHaveTextContent('ok for two weeks');
  });

  it('requests a waiver with a reason and an expiry within the maximum', async () => {
    const api = await renderScorecardContent();
    await screen.findAllByTestId('scorecard-gate-row');
    const button = await within(gateRow('lint-clean')).findByTestId(
      'gate-request-waiver',
    );
    await userEvent.click(button);
    const dialog = await screen.findByTestId('request-waiver-dialog');
    const submit = within(dialog).getByTestId('waiver-submit');
    expect(submit).toBeDisabled();
    const expires = within(dialog).getByTestId('waiver-expires');
    const { max } = expiryBounds(30);
    expect(expires).toHaveAttribute('max', max);
    await userEvent.type(
      within(dialog).getByTestId('waiver-reason'),
      'Upstream lint rules change next sprint',
    );
    await userEvent.clear(expires);
    await userEvent.type(expires, max);
    expect(submit).toBeEnabled();
    await userEvent.click(submit);
    await waitFor(() => expect(api.createWaiverRequest).toHaveBeenCalled());
    const [body, options] = api.createWaiverRequest.mock.calls[0];
    expect(body).toEqual({
      entityRef: ENTITY_REF,
      gate: 'lint-clean',
      reason: 'Upstream lint rules change next sprint',
      expires: `${max}T00:00:00.000Z`,
    });
    expect(options?.idempotencyKey).toMatch(/^waiver-/);
    await waitFor(() =>
      expect(screen.queryByTestId('request-waiver-dialog')).toBeNull(),
    );
    expect(api.listWaiverRequests).toHaveBeenCalledTimes(2);
  });

  it('shows the server error and keeps the dialog open', async () => {
    const api = mockScorecardsApi({
      createWaiverRequest: jest
        .fn()
        .mockRejectedValue(new Error('expires must be within 30 days')),
    });
    await renderScorecardContent(api);
    await screen.findAllByTestId('scorecard-gate-row');
    await userEvent.click(
      await within(gateRow('lint-clean')).findByTestId('gate-request-waiver'),
    );
    const dialog = await screen.findByTestId('request-waiver-dialog');
    await userEvent.type(
      within(dialog).getByTestId('waiver-reason'),
      'some reason',
    );
    await userEvent.click(within(dialog).getByTestId('waiver-submit'));
    expect(
      await within(dialog).findByText('expires must be within 30 days'),
    ).toBeInTheDocument();
  });

  it('labels an approved-request waiver as such', async () => {
    const scorecard = makeScorecard();
    const lint = scorecard.gates.find(g => g.gateId === 'lint-clean')!;
    lint.status = 'waived';
    lint.waiver = {
      gateId: 'lint-clean',
      reason: 'Lint rules change upstream',
      approver: 'user:default/guest',
      expiresAt: '2026-12-20T00:00:00.000Z',
      source: 'request',
      requestId: waiverRequests[1].id,
    };
    await renderScorecardContent(
      mockScorecardsApi({
        getEntityScorecard: jest.fn().mockResolvedValue(scorecard),
      }),
    );
    await screen.findAllByTestId('scorecard-gate-row');
    const waiver = within(gateRow('lint-clean')).getByTestId('gate-waiver');
    expect(waiver).toHaveAttribute('data-waiver-source', 'request');
    expect(waiver).toHaveTextContent('Waiver approved request');
    expect(waiver).toHaveTextContent('approved by user:default/guest');
  });
});

describe('WaiverRequestsView', () => {
  async function renderView(api = mockScorecardsApi()) {
    await renderInTestApp(
      <TestApiProvider apis={[[scorecardsApiRef, api]]}>
        <WaiverRequestsView />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    return api;
  }

  it('approves an open request with a comment', async () => {
    const api = await renderView();
    const view = await screen.findByTestId('waiver-requests-view');
    await waitFor(() =>
      expect(within(view).getAllByTestId('waiver-request-row')).toHaveLength(2),
    );
    expect(api.listWaiverRequests).toHaveBeenCalledWith({ state: 'requested' });
    const [open, decided] = within(view).getAllByTestId('waiver-request-row');
    expect(within(decided).queryByTestId('waiver-approve')).toBeNull();
    await userEvent.click(within(open).getByTestId('waiver-approve'));
    await userEvent.type(
      await screen.findByTestId('waiver-comment'),
      'fine until January',
    );
    await userEvent.click(screen.getByTestId('waiver-decision-confirm'));
    await waitFor(() =>
      expect(api.decideWaiverRequest).toHaveBeenCalledWith(
        waiverRequests[0].id,
        'approve',
        'fine until January',
      ),
    );
    await waitFor(() =>
      expect(api.listWaiverRequests).toHaveBeenCalledTimes(2),
    );
  });

  it('rejects, shows a failed decision, and filters by state', async () => {
    const api = mockScorecardsApi({
      decideWaiverRequest: jest
        .fn()
        .mockRejectedValue(new Error('You cannot decide your own request')),
    });
    await renderView(api);
    const view = await screen.findByTestId('waiver-requests-view');
    const [open] = await within(view).findAllByTestId('waiver-request-row');
    await userEvent.click(within(open).getByTestId('waiver-reject'));
    await userEvent.click(await screen.findByTestId('waiver-decision-confirm'));
    expect(
      await screen.findByText('You cannot decide your own request'),
    ).toBeInTheDocument();
    expect(api.decideWaiverRequest).toHaveBeenCalledWith(
      waiverRequests[0].id,
      'reject',
      undefined,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByTestId('waiver-comment')).toBeNull(),
    );
    await userEvent.click(within(view).getByRole('button', { name: /State/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Expired' }),
    );
    await waitFor(() =>
      expect(api.listWaiverRequests).toHaveBeenLastCalledWith({
        state: 'expired',
      }),
    );
  });

  it('says when there is nothing to decide', async () => {
    await renderView(
      mockScorecardsApi({
        listWaiverRequests: jest
          .fn()
          .mockResolvedValue({ items: [], maxDays: 90 }),
      }),
    );
    expect(
      await screen.findByText('No requested waiver requests.'),
    ).toBeInTheDocument();
  });
});

describe('WaiverStateChip', () => {
  it('names every state in words', async () => {
    await renderInTestApp(
      <>
        {(
          ['requested', 'approved', 'rejected', 'withdrawn', 'expired'] as const
        ).map(state => (
          <WaiverStateChip key={state} state={state} />
        ))}
      </>,
    );
    for (const label of [
      'Requested',
      'Approved',
      'Rejected',
      'Withdrawn',
      'Expired',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
  });
});
