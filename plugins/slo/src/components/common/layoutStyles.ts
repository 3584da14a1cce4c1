import { makeStyles } from '@material-ui/core/styles';

/** Spacing and layout classes shared by the SLO views (theme spacing). */
export const useLayoutStyles = makeStyles(theme => ({
  gapXs: { gap: theme.spacing(0.5) },
  gapSm: { gap: theme.spacing(1) },
  gapMd: { gap: theme.spacing(1.5) },
  grow: { flexGrow: 1 },
  fullHeight: { height: '100%' },
}));
