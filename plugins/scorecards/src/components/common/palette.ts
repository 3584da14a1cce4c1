import {
  darken,
  getContrastRatio,
  lighten,
  Theme,
} from '@material-ui/core/styles';
import type {
  EntityVerdict,
  GateSeverity,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';

/** WCAG 2 AA contrast of normal-size text (1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * `color`, darkened (on light backgrounds) or lightened (on dark ones) in
 * small steps until it has at least `ratio` contrast against every one of
 * `backgrounds`. The backgrounds must be all light or all dark.
 */
export function readableOn(
  color: string,
  backgrounds: string[],
  ratio = MIN_TEXT_CONTRAST,
): string {
  const darkBackground =
    getContrastRatio(backgrounds[0], '#fff') >
    getContrastRatio(backgrounds[0], '#000');
  const readable = (c: string) =>
    backgrounds.every(bg => getContrastRatio(c, bg) >= ratio);
  let result = color;
  // 40 steps of 10% reach black or white, which contrast with anything else
  for (let i = 0; i < 40 && !readable(result); i++) {
    result = darkBackground ? lighten(result, 0.1) : darken(result, 0.1);
  }
  return result;
}

/** A colour in its three uses, each readable in the theme it was made for. */
export interface Tone {
  /** Fill behind `onFill` text (chips, heatmap cells). */
  fill: string;
  /** Text on `fill`. */
  onFill: string;
  /** The colour as text (or outline) on the theme's paper and page background. */
  text: string;
}

/** The three uses of `base` in `theme`. */
export function toneOf(theme: Theme, base: string): Tone {
  const onFill = theme.palette.common.white;
  return {
    fill: readableOn(base, [onFill]),
    onFill,
    text: readableOn(base, [
      theme.palette.background.paper,
      theme.palette.background.default,
    ]),
  };
}

/** The usual level ladder; other level names get the neutral tone. */
const LEVEL_BASES: Record<string, string> = {
  bronze: '#a0522d',
  silver: '#546e7a',
  gold: '#9a7b0a',
  platinum: '#3949ab',
};

/** Every colour the scorecard views use, derived from one theme. */
export interface ScorecardPalette {
  status: Record<GateStatus, Tone>;
  verdict: Record<EntityVerdict, Tone>;
  severity: Record<GateSeverity, Tone>;
  neutral: Tone;
  level(level: string | undefined): Tone;
  /** Tone of a 0-100 score: pass from 80, stale from 50, fail below. */
  score(score: number | undefined): Tone;
  /** Fill of a 0-1 pass rate, from the fail (0) to the pass (1) colour. */
  passRate(rate: number): string;
}

const palettes = new WeakMap<Theme, ScorecardPalette>();

function createPalette(theme: Theme): ScorecardPalette {
  const { palette } = theme;
  const tone = (base: string) => toneOf(theme, base);
  const status: Record<GateStatus, Tone> = {
    pass: tone(palette.success.main),
    fail: tone(palette.error.main),
    stale: tone(palette.warning.main),
    waived: tone(palette.info.main),
    unknown: tone(palette.grey[600]),
  };
  const levels = Object.fromEntries(
    Object.entries(LEVEL_BASES).map(([level, base]) => [level, tone(base)]),
  );
  return {
    status,
    verdict: {
      ready: status.pass,
      'at-risk': status.stale,
      blocked: status.fail,
    },
    severity: {
      critical: tone(palette.error.dark),
      high: tone(palette.warning.dark),
      medium: tone(palette.info.dark),
      low: status.unknown,
    },
    neutral: status.unknown,
    level: level =>
      (level && levels[level.toLocaleLowerCase('en-US')]) || status.unknown,
    score: score => {
      if (score === undefined) return status.unknown;
      if (score >= 80) return status.pass;
      return score >= 50 ? status.stale : status.fail;
    },
    passRate: rate => {
      const hue = Math.round(Math.max(0, Math.min(1, rate)) * 120);
      return readableOn(`hsl(${hue}, 65%, 42%)`, [palette.common.white], 3);
    },
  };
}

/** The palette of `theme` (computed once per theme). */
export function scorecardPalette(theme: Theme): ScorecardPalette {
  let result = palettes.get(theme);
  if (!result) {
    result = createPalette(theme);
    palettes.set(theme, result);
  }
  return result;
}
