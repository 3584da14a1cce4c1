import { makeStyles } from '@material-ui/core';
import type {} from '@backstage/theme';

const useStyles = makeStyles(theme => ({
  svg: {
    width: 'auto',
    height: 30,
  },
  // the sidebar's own colours, so the logo follows the theme
  mark: {
    fill: theme.palette.navigation.indicator,
  },
  text: {
    fill: theme.palette.navigation.selectedColor,
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontWeight: 700,
    fontSize: 26,
  },
}));

/** Gatekeeper wordmark: a gate (two posts and a bar) and the name. */
const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 180 32"
      role="img"
      aria-label="Gatekeeper"
    >
      <rect className={classes.mark} x="2" y="4" width="5" height="26" />
      <rect className={classes.mark} x="21" y="4" width="5" height="26" />
      <rect className={classes.mark} x="2" y="10" width="24" height="4" />
      <text className={classes.text} x="34" y="26">
        Gatekeeper
      </text>
    </svg>
  );
};

export default LogoFull;
