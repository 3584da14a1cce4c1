import { makeStyles } from '@material-ui/core';
import type {} from '@backstage/theme';

const useStyles = makeStyles(theme => ({
  svg: {
    width: 'auto',
    height: 28,
  },
  // the sidebar's own colours, so the logo follows the theme
  mark: {
    fill: theme.palette.navigation.indicator,
  },
}));

/** Gatekeeper mark (collapsed sidebar). */
const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 28 32"
      role="img"
      aria-label="Gatekeeper"
    >
      <rect className={classes.mark} x="2" y="4" width="5" height="26" />
      <rect className={classes.mark} x="21" y="4" width="5" height="26" />
      <rect className={classes.mark} x="2" y="10" width="24" height="4" />
    </svg>
  );
};

export default LogoIcon;
