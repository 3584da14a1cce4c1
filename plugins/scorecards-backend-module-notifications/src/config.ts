import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The kinds of notification; each can be switched off. */
export const NOTICE_KINDS = [
  'verdictBlocked',
  'gateFailing',
  'waiverExpiring',
  'waiverExpired',
  'freeze',
  'postmortemRequired',
  'waiverRequested',
  'waiverDecided',
  'campaignDue',
] as const;

/** One kind of notification. */
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Typed `scorecards.notifications` config. */
export interface NotificationsConfig {
  enabled: boolean;
  frequencyMs: number;
  waiverWarningDays: number;
  campaignWarningDays: number;
  kinds: Record<NoticeKind, boolean>;
  /** Base URL of the portal, for links in notifications. */
  appBaseUrl: string;
}

function frequencyMs(config?: Config): number {
  if (!config) return 5 * 60_000;
  const ms =
    (config.getOptionalNumber('hours') ?? 0) * 3_600_000 +
    (config.getOptionalNumber('minutes') ?? 0) * 60_000 +
    (config.getOptionalNumber('seconds') ?? 0) * 1000;
  if (!(ms >= 1000)) {
    throw new InputError(
      'scorecards.notifications.frequency must be at least one second',
    );
  }
  return ms;
}

function warningDays(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const days = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(days) || days < 0 || days > 365) {
    throw new InputError(
      `scorecards.notifications.${key} must be between 0 and 365`,
    );
  }
  return days;
}

/** Reads `scorecards.notifications` (and `app.baseUrl` for links). */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  const own = config.getOptionalConfig('scorecards.notifications');
  const days = warningDays(own, 'waiverWarningDays', 14);
  const campaignDays = warningDays(own, 'campaignWarningDays', 7);
  const kindsConfig = own?.getOptionalConfig('kinds');
  const kinds = Object.fromEntries(
    NOTICE_KINDS.map(kind => [
      kind,
      kindsConfig?.getOptionalBoolean(kind) ?? true,
    ]),
  ) as Record<NoticeKind, boolean>;
  return {
    enabled: own?.getOptionalBoolean('enabled') ?? true,
    frequencyMs: frequencyMs(own?.getOptionalConfig('frequency')),
    waiverWarningDays: days,
    campaignWarningDays: campaignDays,
    kinds,
    appBaseUrl: (
      config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000'
    ).replace(/\/+$/, ''),
  };
}
