import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';

/** A prominent label shown when the SLO data comes from the demo datasource. */
export function DemoDataLabel(props: { datasource: string }) {
  return (
    <Tooltip
      title={`Datasource "${props.datasource}" serves generated demo data, not real measurements.`}
    >
      <Chip
        label="DEMO DATA"
        size="small"
        color="secondary"
        data-testid="slo-demo-label"
      />
    </Tooltip>
  );
}
