import Button from '@material-ui/core/Button';
import Box from '@material-ui/core/Box';
import { useLayoutStyles } from './layoutStyles';
import { Incident } from '@gatekeeper/plugin-slo-common';
import { IncidentAction } from './useIncidentActions';

/** Acknowledge / resolve buttons of an open incident. */
export function IncidentActionButtons(props: {
  incident: Incident;
  disabled: boolean;
  onAction: (incidentId: string, action: IncidentAction) => void;
}) {
  const { incident, disabled, onAction } = props;
  const layout = useLayoutStyles();
  if (incident.status === 'resolved') {
    return null;
  }
  return (
    <Box display="flex" className={layout.gapXs}>
      {incident.status === 'triggered' && (
        <Button
          size="small"
          variant="outlined"
          disabled={disabled}
          onClick={() => onAction(incident.id, 'acknowledge')}
          aria-label={`Acknowledge incident ${incident.id}`}
        >
          Acknowledge
        </Button>
      )}
      <Button
        size="small"
        variant="outlined"
        disabled={disabled}
        onClick={() => onAction(incident.id, 'resolve')}
        aria-label={`Resolve incident ${incident.id}`}
      >
        Resolve
      </Button>
    </Box>
  );
}
