import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { EntityScorecardContent } from '../components/EntityScorecardContent/EntityScorecardContent';
import { entity, mockScorecardsApi } from '../testUtils/fixtures';

/**
 * Renders the entity scorecard tab of the fixture entity with `api` and a
 * permission API (allowing everything unless `permission` says otherwise).
 */
export async function renderScorecardContent(
  api: jest.Mocked<ScorecardsApi> = mockScorecardsApi(),
  permission = mockApis.permission(),
): Promise<jest.Mocked<ScorecardsApi>> {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardsApiRef, api],
        [permissionApiRef, permission],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityScorecardContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

/** The gate table's row of `gateId`. */
export function gateRow(gateId: string): HTMLElement {
  const found = screen
    .getAllByTestId('scorecard-gate-row')
    .find(r => r.dataset.gateId === gateId);
  if (!found) throw new Error(`no row for ${gateId}`);
  return found;
}
