import { quote } from '../promql';
import { generatedHeader, toYaml } from '../synth/yaml';
import { AlertMatchers, AlertmanagerConfig, Receiver, Route } from './config';
import { renderTimeInterval } from './time-intervals';

/** Alertmanager's matcher strings, e.g. `severity="critical"`, `family=~".+"`. */
export function renderMatchers(matchers: AlertMatchers = {}): string[] {
  return Object.entries(matchers).map(([label, m]) => (typeof m === 'string' ? `${label}="${escape(m)}"` : `${label}${m.op}"${escape(m.value)}"`));
}

function escape(value: string): string {
  return quote(value).slice(1, -1);
}

/** Renders alertmanager.yml deterministically. */
export function renderAlertmanagerConfig(config: AlertmanagerConfig, source: string): string {
  const smtp = config.global?.smtp;
  const document = {
    global: {
      resolve_timeout: config.global?.resolveTimeout ?? '5m',
      ...(smtp
        ? {
            smtp_from: smtp.from,
            smtp_smarthost: smtp.smarthost,
            ...(smtp.authUsername ? { smtp_auth_username: smtp.authUsername } : {}),
            ...(smtp.authPasswordFile ? { smtp_auth_password_file: smtp.authPasswordFile } : {}),
            smtp_require_tls: smtp.requireTls ?? true,
          }
        : {}),
    },
    ...(config.templates?.length ? { templates: [...config.templates] } : {}),
    route: renderRoute(config.route, true),
    receivers: config.receivers.map(renderReceiver),
    ...(config.inhibitRules?.length
      ? {
          inhibit_rules: config.inhibitRules.map((r) => ({
            source_matchers: renderMatchers(r.sourceMatchers),
            target_matchers: renderMatchers(r.targetMatchers),
            equal: [...r.equal],
          })),
        }
      : {}),
    ...(config.timeIntervals?.length ? { time_intervals: config.timeIntervals.map(renderTimeInterval) } : {}),
  };
  return toYaml(document, generatedHeader(source));
}

function renderRoute(route: Route, root = false): Record<string, unknown> {
  return {
    ...(route.receiver ? { receiver: route.receiver } : {}),
    ...(!root && route.matchers ? { matchers: renderMatchers(route.matchers) } : {}),
    ...(route.groupBy ? { group_by: [...route.groupBy] } : {}),
    ...(route.groupWait ? { group_wait: route.groupWait } : {}),
    ...(route.groupInterval ? { group_interval: route.groupInterval } : {}),
    ...(route.repeatInterval ? { repeat_interval: route.repeatInterval } : {}),
    ...(route.continue ? { continue: true } : {}),
    ...(route.muteTimeIntervals?.length ? { mute_time_intervals: [...route.muteTimeIntervals] } : {}),
    ...(route.activeTimeIntervals?.length ? { active_time_intervals: [...route.activeTimeIntervals] } : {}),
    ...(route.routes?.length ? { routes: route.routes.map((r) => renderRoute(r)) } : {}),
  };
}

function renderReceiver(r: Receiver): Record<string, unknown> {
  return {
    name: r.name,
    ...(r.pagerduty?.length
      ? { pagerduty_configs: r.pagerduty.map((p) => ({ routing_key_file: p.routingKeyFile, ...(p.url ? { url: p.url } : {}), send_resolved: p.sendResolved ?? true })) }
      : {}),
    ...(r.slack?.length
      ? {
          slack_configs: r.slack.map((s) => ({
            api_url_file: s.apiUrlFile,
            channel: s.channel,
            send_resolved: s.sendResolved ?? true,
            ...(s.title ? { title: s.title } : {}),
            ...(s.text ? { text: s.text } : {}),
          })),
        }
      : {}),
    ...(r.email?.length ? { email_configs: r.email.map((e) => ({ to: e.to, send_resolved: e.sendResolved ?? false })) } : {}),
    ...(r.webhook?.length
      ? {
          webhook_configs: r.webhook.map((w) => ({
            ...(w.url !== undefined ? { url: w.url } : { url_file: w.urlFile }),
            send_resolved: w.sendResolved ?? true,
            ...(w.credentialsFile ? { http_config: { authorization: { credentials_file: w.credentialsFile } } } : {}),
          })),
        }
      : {}),
  };
}
