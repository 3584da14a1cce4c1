import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import {
  MIN_TEXT_CONTRAST,
  readableOn,
  scorecardPalette,
  Tone,
  toneOf,
} from './palette';

// the backgrounds of the Backstage light and dark themes
const themes = {
  light: createTheme({
    palette: {
      type: 'light',
      background: { paper: '#fff', default: '#f8f8f8' },
    },
  }),
  dark: createTheme({
    palette: {
      type: 'dark',
      background: { paper: '#424242', default: '#333' },
    },
  }),
};

function allTones(theme: (typeof themes)['light']): [string, Tone][] {
  const p = scorecardPalette(theme);
  return [
    ...Object.entries(p.status),
    ...Object.entries(p.verdict),
    ...Object.entries(p.severity),
    ...['bronze', 'Silver', 'gold', 'platinum', 'diamond', undefined].map(
      (l): [string, Tone] => [`level ${l}`, p.level(l)],
    ),
    ...[undefined, 10, 60, 95].map((s): [string, Tone] => [
      `score ${s}`,
      p.score(s),
    ]),
  ];
}

describe('palette', () => {
  it.each(Object.entries(themes))(
    'makes every tone readable in the %s theme (WCAG AA)',
    (_type, theme) => {
      const { paper, default: page } = theme.palette.background;
      for (const [name, tone] of allTones(theme)) {
        const ratios = {
          name,
          fill: getContrastRatio(tone.fill, tone.onFill) >= MIN_TEXT_CONTRAST,
          paper: getContrastRatio(tone.text, paper) >= MIN_TEXT_CONTRAST,
          page: getContrastRatio(tone.text, page) >= MIN_TEXT_CONTRAST,
        };
        expect(ratios).toEqual({ name, fill: true, paper: true, page: true });
      }
    },
  );

  it('keeps colours that are readable already and adjusts the others', () => {
    expect(readableOn('#000000', ['#ffffff'])).toBe('#000000');
    const onWhite = readableOn('#ffeb3b', ['#ffffff']);
    expect(getContrastRatio(onWhite, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const onDark = readableOn('#3949ab', ['#424242', '#333333']);
    expect(getContrastRatio(onDark, '#333333')).toBeGreaterThanOrEqual(4.5);
    // lightened, not darkened, on a dark background
    expect(getContrastRatio(onDark, '#ffffff')).toBeLessThan(
      getContrastRatio('#3949ab', '#ffffff'),
    );
  });

  it('derives status tones from the theme and caches them per theme', () => {
    const light = scorecardPalette(themes.light);
    expect(scorecardPalette(themes.light)).toBe(light);
    expect(light.status.fail).toEqual(
      toneOf(themes.light, themes.light.palette.error.main),
    );
    expect(light.score(85)).toBe(light.status.pass);
    expect(light.score(60)).toBe(light.status.stale);
    expect(light.score(10)).toBe(light.status.fail);
    expect(light.score(undefined)).toBe(light.neutral);
    expect(light.level('Gold')).toBe(light.level('gold'));
    expect(light.level('diamond')).toBe(light.neutral);
    expect(light.passRate(0)).not.toBe(light.passRate(1));
  });
});
