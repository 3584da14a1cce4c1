import {
  darken,
  getContrastRatio,
  lighten,
  Theme,
} from '@material-ui/core/styles';
import type {
  IncidentSeverity,
  IncidentStatus,
} from '@gatekeeper/plugin-slo-common';
import type { BudgetBand } from './bands';

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
  /** Fill behind `onFill` text (chips). */
  fill: string;
  /** Text on `fill`. */
  onFill: string;
  /** The colour as text on the theme's paper and page background. */
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

/** Every colour the SLO views use, derived from one theme. */
export interface SloPalette {
  band: Record<BudgetBand, Tone>;
  severity: Record<IncidentSeverity, Tone>;
  status: Record<IncidentStatus, Tone>;
  /** Things to notice that are not an error (demo data, postmortem due). */
  attention: Tone;
  neutral: Tone;
  /** Background of a firing alert's row and the text colour on it. */
  firing: { background: string; text: string };
}

const palettes = new WeakMap<Theme, SloPalette>();

function createPalette(theme: Theme): SloPalette {
  const { palette } = theme;
  const tone = (base: string) => toneOf(theme, base);
  const dark = palette.type === 'dark';
  const error = tone(palette.error.main);
  const warning = tone(palette.warning.main);
  const success = tone(palette.success.main);
  const neutral = tone(palette.grey[600]);
  const firingBackground = dark
    ? darken(palette.error.main, 0.65)
    : lighten(palette.error.main, 0.88);
  return {
    band: {
      green: success,
      amber: warning,
      red: error,
      exhausted: tone(palette.grey[900]),
    },
    severity: {
      P0: tone(palette.error.dark),
      P1: error,
      P2: warning,
      P3: tone(palette.info.main),
      P4: neutral,
    },
    status: { triggered: error, acknowledged: warning, resolved: success },
    attention: tone(palette.secondary.main),
    neutral,
    firing: {
      background: firingBackground,
      text: readableOn(palette.error.main, [
        firingBackground,
        palette.background.paper,
      ]),
    },
  };
}

/** The palette of `theme` (computed once per theme). */
export function sloPalette(theme: Theme): SloPalette {
  let result = palettes.get(theme);
  if (!result) {
    result = createPalette(theme);
    palettes.set(theme, result);
  }
  return result;
}
