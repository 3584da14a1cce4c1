import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { sloApiRef } from '../../api';
import {
  makeIncidents,
  makeReport,
  mockSloApi,
} from '../../__testUtils__/fixtures';
import { MyServicesCard } from './MyServicesCard';

const component = (name: string, annotated = true): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: annotated ? { 'gatekeeper.dev/slo-file': 'slo.yaml' } : {},
  },
});

async function renderCard(options: {
  ownership?: string[];
  entities?: Entity[];
  sloApi?: ReturnType<typeof mockSloApi>;
}) {
  const identityApi = {
    getBackstageIdentity: jest.fn(async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: options.ownership ?? [
        'user:default/alice',
        'group:default/team-a',
      ],
    })),
  };
  const catalogApi = {
    getEntities: jest.fn(async () => ({
      items: options.entities ?? [
        component('payments'),
        component('docs', false),
      ],
    })),
  };
  const sloApi = options.sloApi ?? mockSloApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [identityApiRef, identityApi],
        [catalogApiRef, catalogApi],
        [sloApiRef, sloApi],
      ]}
    >
      <MyServicesCard />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { catalogApi, sloApi };
}

describe('MyServicesCard', () => {
  it("lists the open incidents of the groups' services, most severe first, linked to the incidents tab", async () => {
    const { catalogApi, sloApi } = await renderCard({});
    const items = await screen.findAllByTestId('my-open-incident');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringContaining('P0 · ▲ Triggered · Payment provider timeouts'),
      expect.stringContaining('P3 · ● Acknowledged · Slow refunds'),
    ]);
    expect(
      within(items[0]).getByRole('link', {
        name: 'component:default/payments',
      }),
    ).toHaveAttribute('href', '/catalog/default/component/payments/incidents');
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          'relations.ownedBy': ['user:default/alice', 'group:default/team-a'],
        },
      }),
    );
    // only the entity with SLOs is asked about
    expect(sloApi.getEntityIncidents).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('my-frozen-empty')).toBeInTheDocument();
  });

  it('lists frozen services with their reasons', async () => {
    const sloApi = mockSloApi({
      getEntitySlos: jest.fn(async () =>
        makeReport({
          freeze: {
            frozen: true,
            reasons: ['availability: error budget exhausted'],
            exceptions: ['P0'],
            postmortemRequired: [],
          },
        }),
      ),
    });
    await renderCard({ sloApi });
    const frozen = await screen.findByTestId('my-frozen-service');
    expect(frozen).toHaveTextContent('Frozen: component:default/payments');
    expect(frozen).toHaveTextContent('availability: error budget exhausted');
    expect(within(frozen).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/slo',
    );
  });

  it('shows empty states for a user whose groups own no service', async () => {
    const { sloApi } = await renderCard({ entities: [] });
    expect(await screen.findByTestId('my-incidents-empty')).toBeInTheDocument();
    expect(screen.getByTestId('my-frozen-empty')).toBeInTheDocument();
    expect(sloApi.getEntitySlos).not.toHaveBeenCalled();
  });

  it('names the services whose SLO data could not be read', async () => {
    const sloApi = mockSloApi({
      getEntityIncidents: jest.fn(async (ref: any) => {
        if (String(ref).endsWith('/broken')) throw new Error('boom');
        return makeIncidents();
      }),
    });
    await renderCard({
      sloApi,
      entities: [component('payments'), component('broken')],
    });
    expect(await screen.findByTestId('my-services-partial')).toHaveTextContent(
      'Could not read the SLOs of component:default/broken',
    );
    expect(screen.getAllByTestId('my-open-incident')).toHaveLength(2);
  });
});
