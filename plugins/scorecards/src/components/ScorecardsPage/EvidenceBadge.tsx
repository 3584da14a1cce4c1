import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ScorecardEvidenceCounts } from '@gatekeeper/plugin-scorecards-common';
import { ToneText } from '../common';

const useStyles = makeStyles({
  line: { display: 'block', whiteSpace: 'nowrap' },
});

/**
 * How many gates of an entity are decided by stale or configuration-only
 * evidence, in text with a glyph (never colour alone).
 */
export function EvidenceBadge(props: { evidence?: ScorecardEvidenceCounts }) {
  const classes = useStyles();
  const { evidence } = props;
  if (!evidence) return <>—</>;
  if (evidence.stale === 0 && evidence.configured === 0) {
    return (
      <Typography
        variant="caption"
        className={classes.line}
        data-testid="evidence-badge"
        data-evidence="observed"
      >
        <span aria-hidden="true">✓ </span>All observed
      </Typography>
    );
  }
  return (
    <span data-testid="evidence-badge" data-evidence="weak">
      {evidence.stale > 0 && (
        <Typography
          variant="caption"
          className={classes.line}
          data-testid="evidence-stale"
        >
          <ToneText pick={p => p.status.stale}>
            <span aria-hidden="true">⏱ </span>
            {evidence.stale} stale
          </ToneText>
        </Typography>
      )}
      {evidence.configured > 0 && (
        <Typography
          variant="caption"
          className={classes.line}
          data-testid="evidence-configured"
        >
          <span aria-hidden="true">⚙ </span>
          {evidence.configured} configured only
        </Typography>
      )}
    </span>
  );
}
