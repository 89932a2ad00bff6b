import { Receiver } from '../lib';

/** Where the Alertmanager container finds its mounted secrets (one file each). */
export const SECRETS = '/etc/alertmanager/secrets';

/** Slack title: status, how many fire, the alert and its service. */
const SLACK_TITLE = '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.service }})';

/** Spec 004: formatted messages with runbook links: per alert its summary, description, runbook and dashboard. */
const SLACK_TEXT = [
  '{{ range .Alerts }}*{{ .Annotations.summary }}*',
  '{{ .Annotations.description }}',
  '<{{ .Annotations.runbook_url }}|Runbook>{{ if .Annotations.dashboard_url }} · <{{ .Annotations.dashboard_url }}|Dashboard>{{ end }}',
  '{{ end }}',
].join('\n');

/** Slack incoming webhook: one URL (a secret) for the workspace, channels per message. */
export const slack = (channel: string) => ({ apiUrlFile: `${SECRETS}/slack-webhook-url`, channel, title: SLACK_TITLE, text: SLACK_TEXT });

/** Pages the team's PagerDuty service and posts to #alerts-critical (spec 004: critical → PagerDuty + Slack). */
export function criticalReceiver(name: string, routingKeyFile: string): Receiver {
  return { name, pagerduty: [{ routingKeyFile }], slack: [slack('#alerts-critical')] };
}

/** The PagerDuty service of each team: one routing key file each. */
export const teamCritical = (team: string): Receiver => criticalReceiver(`${team}-critical`, `${SECRETS}/pagerduty-${team}-routing-key`);

/** Spec 004: database alerts page the database on-call through their own routing key. */
export const internetIdDatabaseCritical = criticalReceiver('internet-id-database-critical', `${SECRETS}/pagerduty-internet-id-database-routing-key`);

/** Warnings go to #alerts-warnings (specs 001, 004). */
export const slackWarnings: Receiver = { name: 'slack-warnings', slack: [slack('#alerts-warnings')] };

/** Spec 003: dubbing warnings go to email and Slack. */
export const dubbingWarnings: Receiver = { name: 'dubbing-warnings', slack: [slack('#alerts-warnings')], email: [{ to: 'dubbing-oncall@example.com' }] };

/** Info goes to email (specs 003, 004). */
export const emailInfo: Receiver = { name: 'email-info', email: [{ to: 'ops@example.com' }] };

/** Anything no route claims still lands where people look. */
export const fallback: Receiver = { name: 'fallback', slack: [slack('#alerts')] };
