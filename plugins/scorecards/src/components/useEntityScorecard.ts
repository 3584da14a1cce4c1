import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import { scorecardSignalChannel } from '@gatekeeper/plugin-scorecards-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../api';
import { useScorecardSignal } from './useScorecardSignal';

/**
 * Loads the scorecard of the current entity, and again when the backend
 * signals that it changed (`onChange` runs then too).
 */
export function useEntityScorecard(options: { onChange?: () => void } = {}) {
  const { entity } = useEntity();
  const api = useApi(scorecardsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );
  useScorecardSignal(scorecardSignalChannel(entityRef), () => {
    state.retry();
    options.onChange?.();
  });
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
