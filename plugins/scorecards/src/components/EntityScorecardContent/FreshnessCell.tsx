import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { GateFreshness } from '@gatekeeper/plugin-scorecards-common';
import { formatRelative, ToneText, TonePick } from '../common';

const useStyles = makeStyles(theme => ({
  line: { display: 'block' },
  mono: { fontFamily: 'monospace' },
  label: { marginRight: theme.spacing(0.5) },
}));

/** The label of a gate's evidence: text and glyph, never colour alone. */
export function freshnessLabel(freshness: GateFreshness): {
  glyph: string;
  text: string;
  key: 'stale' | 'configured' | 'observed';
  pick: TonePick;
} {
  if (freshness.stale) {
    return {
      glyph: '⏱',
      text: 'Stale',
      key: 'stale',
      pick: p => p.status.stale,
    };
  }
  if (freshness.kind === 'configured') {
    return {
      glyph: '⚙',
      text: 'Configured only',
      key: 'configured',
      pick: p => p.status.unknown,
    };
  }
  return {
    glyph: '✓',
    text: 'Observed',
    key: 'observed',
    pick: p => p.status.pass,
  };
}

/**
 * Source, observed-at (relative, ISO in the title), TTL and the
 * observed / configured only / stale label of one gate's deciding facts.
 */
export function FreshnessCell(props: { freshness?: GateFreshness }) {
  const classes = useStyles();
  const { freshness } = props;
  if (!freshness) return <>—</>;
  const label = freshnessLabel(freshness);
  return (
    <div data-testid="gate-freshness" data-evidence={label.key}>
      <Typography variant="body2" className={classes.line}>
        <ToneText pick={label.pick} className={classes.label}>
          <span aria-hidden="true">{label.glyph} </span>
          {label.text}
        </ToneText>
        {freshness.requireObserved ? '(observed evidence required)' : null}
      </Typography>
      <Typography variant="caption" className={classes.line}>
        {freshness.sources.length > 0 ? (
          <>
            source{' '}
            <span className={classes.mono}>{freshness.sources.join(', ')}</span>
          </>
        ) : (
          'no source yet'
        )}
      </Typography>
      <Typography variant="caption" className={classes.line}>
        {freshness.observedAt ? (
          <>
            observed{' '}
            <time dateTime={freshness.observedAt} title={freshness.observedAt}>
              {formatRelative(freshness.observedAt)}
            </time>
          </>
        ) : (
          'not observed'
        )}
      </Typography>
      <Typography variant="caption" className={classes.line}>
        {freshness.ttl ? `TTL ${freshness.ttl}` : 'no TTL'}
        {freshness.expiresAt ? (
          <>
            {freshness.stale ? ' · expired ' : ' · expires '}
            <time dateTime={freshness.expiresAt} title={freshness.expiresAt}>
              {formatRelative(freshness.expiresAt)}
            </time>
          </>
        ) : null}
      </Typography>
    </div>
  );
}
