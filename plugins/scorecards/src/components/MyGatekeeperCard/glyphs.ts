import type { EntityVerdict } from '@gatekeeper/plugin-scorecards-common';

/** A glyph per verdict, so that a verdict is never told by colour alone. */
export const VERDICT_GLYPHS: Record<EntityVerdict, string> = {
  ready: '✓',
  'at-risk': '!',
  blocked: '✗',
};
