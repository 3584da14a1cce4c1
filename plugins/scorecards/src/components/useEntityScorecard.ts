import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../api';

/** Loads the scorecard of the current entity. */
export function useEntityScorecard() {
  const { entity } = useEntity();
  const api = useApi(scorecardsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );
  return { entity, entityRef, ...state };
}

/** True when the error is a 404 from the backend (entity not scored). */
export function isNotFound(error: Error | undefined): boolean {
  if (!error) {
    return false;
  }
  const responseError = error as Partial<ResponseError>;
  return (
    responseError.statusCode === 404 ||
    responseError.response?.status === 404 ||
    error.name === 'NotFoundError'
  );
}
