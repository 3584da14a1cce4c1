import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
  mockApis,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import plugin, {
  incidentsEntityCard,
  incidentsEntityContent,
  sloApi,
  sloEntityCard,
  sloEntityContent,
} from '../alpha';
import { SloClient, sloApiRef } from '../api';
import { entity, mockSloApi } from '../__testUtils__/fixtures';

const withoutSlo: Entity = {
  ...entity,
  metadata: { name: 'plain', annotations: {} },
};

describe('slo alpha plugin', () => {
  it('is the slo plugin with its api, cards and tabs', () => {
    expect(plugin.pluginId).toBe('slo');
    expect(plugin.title).toBe('SLOs and incidents');
    for (const id of [
      'api:slo',
      'entity-card:slo/slo',
      'entity-card:slo/incidents',
      'entity-content:slo/slo',
      'entity-content:slo/incidents',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
    expect(Object.keys(plugin.routes).sort()).toEqual([
      'entityContent',
      'incidentsContent',
    ]);
  });

  it('provides the SloClient through the api extension', () => {
    const factory = createExtensionTester(sloApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(sloApiRef.id);
    const client = (factory.factory as (deps: object) => unknown)({
      discoveryApi: mockApis.discovery(),
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(SloClient);
  });

  it('shows the cards only for entities with SLO annotations', () => {
    const filters = [
      createExtensionTester(sloEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(incidentsEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    ];
    for (const filter of filters) {
      expect(filter).toBeDefined();
      expect(filter!(entity)).toBe(true);
      expect(filter!(withoutSlo)).toBe(false);
    }
  });

  it('mounts the SLOs and Incidents tabs', () => {
    const slo = createExtensionTester(sloEntityContent);
    expect(slo.get(coreExtensionData.routePath)).toBe('slo');
    expect(slo.get(EntityContentBlueprint.dataRefs.title)).toBe('SLOs');
    expect(slo.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'observability',
    );
    const incidents = createExtensionTester(incidentsEntityContent);
    expect(incidents.get(coreExtensionData.routePath)).toBe('incidents');
    expect(incidents.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Incidents',
    );
    expect(
      incidents.get(EntityContentBlueprint.dataRefs.filterFunction)!(
        withoutSlo,
      ),
    ).toBe(false);
  });
});

describe('slo alpha plugin, part 2', () => {
  it.each([
    ['SLO card', sloEntityCard, 'slo-card'],
    ['incidents card', incidentsEntityCard, 'incidents-card'],
    ['SLOs tab', sloEntityContent, 'slo-content'],
    ['incidents tab', incidentsEntityContent, 'incidents-content'],
  ] as const)('renders the %s', async (_name, extension, testId) => {
    const api = mockSloApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [sloApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={entity}>
          {createExtensionTester(
            extension as typeof sloEntityCard,
          ).reactElement()}
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId(testId)).toBeInTheDocument();
    expect(
      api.getEntityIncidents.mock.calls.length +
        api.getEntitySlos.mock.calls.length,
    ).toBeGreaterThan(0);
  });
});
