// In its own file: usePermission caches decisions per permission (SWR), so a
// DENY here must not share a module registry with the ALLOW tests.
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockScorecardsApi } from '../../testUtils/fixtures';
import { renderScorecardContent } from '../../__testUtils__/renderScorecardContent';

describe('EntityScorecardContent permissions', () => {
  it('disables re-evaluation without scorecards.facts.push', async () => {
    const api = mockScorecardsApi();
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    await renderScorecardContent(api, mockApis.permission({ authorize }));
    expect(await screen.findAllByTestId('scorecard-gate-row')).toHaveLength(6);
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'scorecards.facts.push' }),
      }),
    );
    const button = screen.getByTestId('scorecard-reevaluate');
    expect(button).toBeDisabled();
    await userEvent.click(button).catch(() => undefined);
    expect(api.evaluateEntity).not.toHaveBeenCalled();
  });
});
