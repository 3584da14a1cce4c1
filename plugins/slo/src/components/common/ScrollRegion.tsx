import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  region: {
    overflowX: 'auto',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * A labelled region that scrolls sideways when its content (a wide table) is
 * wider than the page. It takes the keyboard focus so that keyboard users
 * can scroll it too (WCAG 2.1.1, axe `scrollable-region-focusable`).
 */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div
      className={classes.region}
      role="region"
      aria-label={props.label}
      // A scrollable region must be focusable; the region role and the label
      // tell screen-reader users what they are in once it has the focus.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      {props.children}
    </div>
  );
}
