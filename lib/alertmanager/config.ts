import { Duration, Matcher } from '../promql';

/** Label matchers of a route or an inhibition: a plain string means equality. */
export type AlertMatchers = Readonly<Record<string, Matcher>>;

export interface SmtpSettings {
  /** Sender address. */
  readonly from: string;
  /** `host:port` of the mail relay. */
  readonly smarthost: string;
  /** @default no authentication */
  readonly authUsername?: string;
  /** Path of a mounted file holding the SMTP password. */
  readonly authPasswordFile?: string;
  /** @default true */
  readonly requireTls?: boolean;
}

export interface GlobalSettings {
  /** How long an alert without updates stays firing. @default '5m' */
  readonly resolveTimeout?: Duration;
  /** @default no email */
  readonly smtp?: SmtpSettings;
}

/** PagerDuty Events API v2; the routing key is read from a mounted file. */
export interface PagerDutyConfig {
  readonly routingKeyFile: string;
  /** Events API endpoint. @default PagerDuty's own (https://events.pagerduty.com/v2/enqueue) */
  readonly url?: string;
  /** @default true */
  readonly sendResolved?: boolean;
}

/** Slack incoming webhook; its URL (a secret) is read from a mounted file. */
export interface SlackConfig {
  readonly apiUrlFile: string;
  /** `#channel`. */
  readonly channel: string;
  /** @default true */
  readonly sendResolved?: boolean;
  /** Message title template. @default Alertmanager's */
  readonly title?: string;
  /** Message text template. @default Alertmanager's */
  readonly text?: string;
}

export interface EmailConfig {
  readonly to: string;
  /** @default false */
  readonly sendResolved?: boolean;
}

interface WebhookCommon {
  /** Path of a mounted file holding a token, sent as `Authorization: Bearer`. @default no Authorization header */
  readonly credentialsFile?: string;
  /** @default true */
  readonly sendResolved?: boolean;
}

/**
 * A webhook: either a plain `url` that carries no secret (the token goes in
 * `credentialsFile`), or `urlFile`, the path of a mounted file holding a URL
 * that is itself the secret. `urlFile` needs Alertmanager 0.28 or later
 * (see {@link AlertmanagerConfig.version}).
 */
export type WebhookConfig = WebhookCommon & ({ readonly url: string; readonly urlFile?: never } | { readonly urlFile: string; readonly url?: never });

/** A receiver with no integrations drops what it gets: a null receiver. */
export interface Receiver {
  readonly name: string;
  readonly pagerduty?: readonly PagerDutyConfig[];
  readonly slack?: readonly SlackConfig[];
  readonly email?: readonly EmailConfig[];
  readonly webhook?: readonly WebhookConfig[];
}

export interface Route {
  /** @default the parent's receiver (required on the root) */
  readonly receiver?: string;
  /** @default matches everything (required on every route but the root) */
  readonly matchers?: AlertMatchers;
  /** @default the parent's */
  readonly groupBy?: readonly string[];
  /** @default the parent's (root: 30s) */
  readonly groupWait?: Duration;
  /** @default the parent's (root: 5m) */
  readonly groupInterval?: Duration;
  /** @default the parent's (root: 4h) */
  readonly repeatInterval?: Duration;
  /** Keep matching later siblings after this route matched. @default false */
  readonly continue?: boolean;
  /** @default none */
  readonly muteTimeIntervals?: readonly string[];
  /** @default always active */
  readonly activeTimeIntervals?: readonly string[];
  /** @default none */
  readonly routes?: readonly Route[];
}

export interface InhibitRule {
  /** Why the rule exists, for review and messages. */
  readonly name: string;
  readonly sourceMatchers: AlertMatchers;
  readonly targetMatchers: AlertMatchers;
  /** Labels whose values must be equal in source and target; every alert either side selects must carry each one. */
  readonly equal: readonly string[];
  /**
   * Labels of `equal` that some selected alerts lack on purpose: Alertmanager
   * then takes absent as equal to absent (and unequal to any value), e.g. a
   * `component` that only some services have. Some selected alert must still
   * carry each one. @default none: a selected alert without an `equal` label fails synth
   */
  readonly mayBeAbsent?: readonly string[];
}

export interface TimeRange {
  /** `HH:MM`, from 00:00. */
  readonly startTime: string;
  /** `HH:MM`, up to 24:00, after the start. */
  readonly endTime: string;
}

/** Alertmanager's weekday names; its weeks run from sunday to saturday. */
export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** One period of a time interval: every field given must hold at once. */
export interface TimePeriod {
  /** Days or inclusive ranges, e.g. `monday:friday` (a range cannot wrap past saturday). @default every day */
  readonly weekdays?: readonly (Weekday | `${Weekday}:${Weekday}`)[];
  /** @default the whole day */
  readonly times?: readonly TimeRange[];
  /** Days 1 to 31, or -31 to -1 counted from the month's end, or ranges such as `1:7` and `-3:-1`. @default every day */
  readonly daysOfMonth?: readonly string[];
  /** Month names (`january`), numbers 1 to 12, or ranges such as `june:august`. @default every month */
  readonly months?: readonly string[];
  /** Years such as `2027`, or ranges such as `2027:2028`. @default every year */
  readonly years?: readonly string[];
  /** IANA zone, e.g. `Europe/Berlin`. @default UTC */
  readonly location?: string;
}

export interface TimeInterval {
  readonly name: string;
  readonly intervals: readonly TimePeriod[];
}

/** An Alertmanager release, `major.minor`. */
export type AlertmanagerVersion = `${number}.${number}`;

/**
 * The release whose amtool checks the rendered file in this project's tests
 * (Debian bookworm's prometheus-alertmanager), so the default promises only
 * what that binary accepts.
 */
export const DEFAULT_ALERTMANAGER_VERSION: AlertmanagerVersion = '0.25';

export interface AlertmanagerConfig {
  /**
   * The Alertmanager release the file is written for: settings it does not
   * know fail synth instead of failing the deployed Alertmanager's start.
   * @default DEFAULT_ALERTMANAGER_VERSION
   */
  readonly version?: AlertmanagerVersion;
  readonly global?: GlobalSettings;
  readonly route: Route;
  readonly receivers: readonly Receiver[];
  /** @default none */
  readonly inhibitRules?: readonly InhibitRule[];
  /** @default none */
  readonly timeIntervals?: readonly TimeInterval[];
  /** Notification template files, paths inside the container. @default none */
  readonly templates?: readonly string[];
  /**
   * The heartbeat's path to an external dead man's switch (lib/alertmanager/heartbeat.ts),
   * or why this environment has none. Every deployed environment declares one or the
   * other: synth refuses a config without it (AlertmanagerFiles).
   */
  readonly heartbeat?: HeartbeatPath | NoHeartbeat;
  /**
   * Why this environment pages nobody (a staging stack): synth then refuses any
   * receiver with a paging integration (PagerDuty), and routing.md says so.
   * `withoutPaging()` makes such a config from a paging one. @default it may page
   */
  readonly neverPages?: string;
}

/**
 * The always-firing heartbeat alert and the receiver that forwards it to a
 * dead man's switch outside the stack, which pages when the heartbeats stop.
 * Synth checks that the first route of the tree takes the alert to this
 * receiver alone, without `continue`, muting or inhibition.
 */
export interface HeartbeatPath {
  /** The always-firing alert, severity `none` (rules/monitoring: Watchdog). */
  readonly alert: string;
  /** Webhooks to the switch only, without resolved messages (a resolved heartbeat is no heartbeat). */
  readonly receiver: string;
}

/** An environment without a dead man's switch, and why; routing.md prints the reason. */
export interface NoHeartbeat {
  readonly none: string;
}

/** The release a config is written for. */
export function configVersion(config: AlertmanagerConfig): AlertmanagerVersion {
  return config.version ?? DEFAULT_ALERTMANAGER_VERSION;
}
