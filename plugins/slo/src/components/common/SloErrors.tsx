import Alert from '@material-ui/lab/Alert';
import Box from '@material-ui/core/Box';
import { SloReportError } from '@gatekeeper/plugin-slo-common';

/** Errors reported by the backend while evaluating SLOs (per SLO or global). */
export function SloErrors(props: { errors: SloReportError[]; slo?: string }) {
  const errors = props.errors.filter(e =>
    props.slo === undefined ? true : e.slo === props.slo,
  );
  if (errors.length === 0) {
    return null;
  }
  return (
    <Box mb={1}>
      {errors.map((error, index) => (
        <Alert
          key={`${error.slo ?? ''}-${index}`}
          severity="warning"
          data-testid="slo-error"
        >
          {error.slo ? `${error.slo}: ` : ''}
          {error.message}
        </Alert>
      ))}
    </Box>
  );
}
