import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { IncidentStats as Stats } from '@gatekeeper/plugin-slo-common';
import { formatDuration } from './format';

function Stat(props: { label: string; value: string; testId: string }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6" data-testid={props.testId}>
        {props.value}
      </Typography>
    </Box>
  );
}

/** Incident count, open count, MTTA and MTTR of an entity. */
export function IncidentStats(props: { stats: Stats }) {
  const { stats } = props;
  return (
    <Box display="flex" flexWrap="wrap">
      <Stat
        label="Incidents"
        value={String(stats.count)}
        testId="incidents-count"
      />
      <Stat label="Open" value={String(stats.open)} testId="incidents-open" />
      <Stat
        label="MTTA"
        value={formatDuration(stats.mttaSeconds)}
        testId="incidents-mtta"
      />
      <Stat
        label="MTTR"
        value={formatDuration(stats.mttrSeconds)}
        testId="incidents-mttr"
      />
    </Box>
  );
}
