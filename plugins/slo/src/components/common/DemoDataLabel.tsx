import Tooltip from '@material-ui/core/Tooltip';
import { ToneChip } from './chips';

/** A prominent label shown when the SLO data comes from the demo datasource. */
export function DemoDataLabel(props: { datasource: string }) {
  return (
    <Tooltip
      title={`Datasource "${props.datasource}" serves generated demo data, not real measurements.`}
    >
      <span>
        <ToneChip
          pick={p => p.attention}
          label="DEMO DATA"
          data-testid="slo-demo-label"
        />
      </span>
    </Tooltip>
  );
}
