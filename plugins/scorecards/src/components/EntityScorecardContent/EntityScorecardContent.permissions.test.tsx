// In its own file: usePermission caches decisions per permission (SWR), so a
// DENY here must not share a module registry with the ALLOW tests.
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scorecardsApiRef } from '../../api';
import { entity, mockScorecardsApi } from '../../testUtils/fixtures';
import { EntityScorecardContent } from './EntityScorecardContent';

describe('EntityScorecardContent permissions', () => {
  it('disables re-evaluation without scorecards.facts.push', async () => {
    const api = mockScorecardsApi();
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scorecardsApiRef, api],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityScorecardContent />
        </EntityProvider>
      </TestApiProvider>,
    );
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
