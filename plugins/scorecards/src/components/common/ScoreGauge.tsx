import { useTheme } from '@material-ui/core/styles';
import { scorecardPalette } from './palette';

/**
 * Circular 0-100 score gauge as inline SVG. Shows "n/a" when the score is
 * undefined (every gate unknown).
 */
export function ScoreGauge(props: { score?: number; size?: number }) {
  const { score, size = 96 } = props;
  const theme = useTheme();
  const stroke = Math.max(6, Math.round(size / 10));
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const clamped =
    score === undefined ? 0 : Math.min(100, Math.max(0, score)) / 100;
  const text = score === undefined ? 'n/a' : String(Math.round(score));
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={`Score ${text}${score === undefined ? '' : ' of 100'}`}
      data-testid="scorecard-score"
      data-score={score === undefined ? '' : String(score)}
    >
      <circle
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        stroke={theme.palette.divider}
        strokeWidth={stroke}
      />
      <circle
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        stroke={scorecardPalette(theme).score(score).text}
        strokeWidth={stroke}
        strokeDasharray={`${(clamped * circumference).toFixed(
          2,
        )} ${circumference.toFixed(2)}`}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
      />
      <text
        x="50%"
        y="50%"
        dominantBaseline="central"
        textAnchor="middle"
        fontSize={size / 3.6}
        fontWeight={700}
        fill="currentColor"
      >
        {text}
      </text>
    </svg>
  );
}
