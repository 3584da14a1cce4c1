import { ReactNode } from 'react';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { FreezeStatus } from '@gatekeeper/plugin-slo-common';
import { formatPercent, formatTimestamp, shortId } from './format';

/** Human readable names of freeze exceptions. */
function exceptionLabel(exception: string): string {
  switch (exception.toLowerCase()) {
    case 'p0':
      return 'P0 fixes';
    case 'security':
      return 'security fixes';
    default:
      return exception;
  }
}

function PostmortemNotices(props: {
  items: FreezeStatus['postmortemRequired'];
}) {
  if (props.items.length === 0) {
    return null;
  }
  return (
    <Box component="ul" m={0} pl={2} data-testid="slo-postmortem-required">
      {props.items.map(item => (
        <li key={item.incidentId}>
          Postmortem required: incident{' '}
          <span title={item.incidentId}>{shortId(item.incidentId)}</span>{' '}
          consumed {formatPercent(item.percent)} of the error budget.
        </li>
      ))}
    </Box>
  );
}

/**
 * Shows the error-budget policy state: a change freeze (with reasons and the
 * change kinds still allowed), an active override, and incidents that need a
 * postmortem.
 */
export function FreezeBanner(props: {
  freeze: FreezeStatus;
  /** Optional action (e.g. an override button) shown in the freeze banner. */
  action?: ReactNode;
}) {
  const { freeze, action } = props;
  const { override } = freeze;
  return (
    <>
      {freeze.frozen && (
        <Box mb={2}>
          <Alert
            severity="error"
            data-testid="slo-freeze-banner"
            action={action}
          >
            <AlertTitle>Change freeze: error budget exhausted</AlertTitle>
            {freeze.reasons.length > 0 && (
              <Box component="ul" m={0} pl={2}>
                {freeze.reasons.map(reason => (
                  <li key={reason}>{reason}</li>
                ))}
              </Box>
            )}
            {freeze.exceptions.length > 0 && (
              <Typography variant="body2">
                Still allowed during the freeze:{' '}
                {freeze.exceptions.map(exceptionLabel).join(', ')}.
              </Typography>
            )}
            <PostmortemNotices items={freeze.postmortemRequired} />
          </Alert>
        </Box>
      )}
      {!freeze.frozen && freeze.postmortemRequired.length > 0 && (
        <Box mb={2}>
          <Alert severity="warning">
            <PostmortemNotices items={freeze.postmortemRequired} />
          </Alert>
        </Box>
      )}
      {override && (
        <Box mb={2}>
          <Alert severity="info" data-testid="slo-freeze-override">
            Freeze overridden by {override.by} until{' '}
            {formatTimestamp(override.expiresAt)}: {override.reason}
          </Alert>
        </Box>
      )}
    </>
  );
}
