import { useCallback } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';

/**
 * Runs a mutation and reports its outcome through the alert API: a transient
 * success message, or `<failure>: <error message>`. Resolves to whether the
 * call succeeded, so callers decide what follows (reload, close a dialog).
 */
export function useAlertedCall() {
  const alertApi = useApi(alertApiRef);
  return useCallback(
    async <T>(
      call: () => Promise<T>,
      messages: { success: (result: T) => string; failure: string },
    ): Promise<boolean> => {
      try {
        const result = await call();
        alertApi.post({
          message: messages.success(result),
          severity: 'success',
          display: 'transient',
        });
        return true;
      } catch (e) {
        alertApi.post({
          message: `${messages.failure}: ${(e as Error).message}`,
          severity: 'error',
        });
        return false;
      }
    },
    [alertApi],
  );
}
