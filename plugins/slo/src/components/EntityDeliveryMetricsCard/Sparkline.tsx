import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  svg: { display: 'block', overflow: 'visible' },
  line: {
    fill: 'none',
    stroke: theme.palette.text.primary,
    strokeWidth: 1.5,
  },
  dot: { fill: theme.palette.text.primary },
}));

const WIDTH = 96;
const HEIGHT = 24;

/**
 * A weekly trend as a small SVG line; weeks without a value leave a gap.
 * Announced by its label (first and last values), not by colour.
 */
export function Sparkline(props: {
  values: (number | undefined)[];
  label: string;
}) {
  const classes = useStyles();
  const { values } = props;
  const known = values.filter((v): v is number => v !== undefined);
  const max = Math.max(...known, 0);
  const min = Math.min(...known, 0);
  const span = max - min || 1;
  const x = (i: number) =>
    values.length > 1 ? (i / (values.length - 1)) * WIDTH : WIDTH / 2;
  const y = (v: number) => HEIGHT - ((v - min) / span) * HEIGHT;
  const segments: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === undefined) {
      segments.push([]);
    } else {
      segments[segments.length - 1].push(`${x(i)},${y(v)}`);
    }
  });
  return (
    <svg
      role="img"
      aria-label={props.label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className={classes.svg}
      data-testid="delivery-sparkline"
    >
      {segments
        .filter(s => s.length > 1)
        .map((s, i) => (
          <polyline key={i} points={s.join(' ')} className={classes.line} />
        ))}
      {segments
        .filter(s => s.length === 1)
        .map((s, i) => {
          const [cx, cy] = s[0].split(',');
          return (
            <circle key={i} cx={cx} cy={cy} r={1.5} className={classes.dot} />
          );
        })}
    </svg>
  );
}
