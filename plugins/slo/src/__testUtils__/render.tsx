import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import {
  renderInTestApp,
  TestApiProvider,
  mockApis,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { alertApiRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { sloApiRef, SloApi } from '../api';
import { entity } from './fixtures';

/** Renders `element` for the fixture entity with the given api mocks. */
export async function renderWithEntity(
  element: ReactElement,
  options: {
    api: SloApi;
    allowManage?: boolean;
    alertApi?: { post: jest.Mock; alert$?: () => any };
  },
) {
  // Incident and override permissions are resource permissions: they are
  // only granted when asked for the entity in view.
  const permissionApi = mockApis.permission({
    authorize: request =>
      options.allowManage &&
      (request.permission.type === 'basic' ||
        request.resourceRef === stringifyEntityRef(entity))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
  const alertApi = options.alertApi ?? {
    post: jest.fn(),
    alert$: jest.fn(),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sloApiRef, options.api],
        [permissionApiRef, permissionApi],
        [alertApiRef, alertApi],
      ]}
    >
      {/* usePermission caches decisions in SWR: isolate every render. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
  );
}
