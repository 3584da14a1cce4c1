import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  renderInTestApp,
  TestApiProvider,
  mockApis,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityIncidentsCard,
  EntityIncidentsContent,
  EntitySloCard,
  EntitySloContent,
  sloPlugin,
} from './plugin';
import { sloApiRef } from './api';
import { incidentsRouteRef, sloRouteRef } from './routes';
import { entity, mockSloApi } from './__testUtils__/fixtures';

describe('sloPlugin', () => {
  it('registers the slo API factory and routes', () => {
    expect(sloPlugin.getId()).toBe('slo');
    const apis = [...sloPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual([sloApiRef.id]);
    expect(sloPlugin.routes).toEqual({
      entityContent: sloRouteRef,
      incidentsContent: incidentsRouteRef,
    });
  });

  it.each([
    ['EntitySloCard', <EntitySloCard />, 'slo-card'],
    ['EntitySloContent', <EntitySloContent />, 'slo-content'],
    ['EntityIncidentsCard', <EntityIncidentsCard />, 'incidents-card'],
    ['EntityIncidentsContent', <EntityIncidentsContent />, 'incidents-content'],
  ])('lazily loads %s', async (_name, element, testId) => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [sloApiRef, mockSloApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={entity}>
          <Routes>
            <Route path="/" element={element} />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId(testId)).toBeInTheDocument();
  });
});
