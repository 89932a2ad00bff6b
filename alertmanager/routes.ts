import { Route, Severity } from '../lib';
import { heartbeatFirst } from './heartbeat';
import { dubbingWarnings, emailInfo, fallback, internetIdDatabaseCritical, slackWarnings, teamCritical } from './receivers';

/** Routes of one team: each severity it emits to its receiver. Info only in business hours. */
function bySeverity(receivers: Partial<Record<Severity, string>>): Route[] {
  return (Object.entries(receivers) as [Severity, string][]).map(([severity, receiver]) => ({
    matchers: { severity },
    receiver,
    ...(severity === 'critical' ? { repeatInterval: '1h' as const } : {}),
    ...(severity === 'info' ? { repeatInterval: '24h' as const, activeTimeIntervals: ['business-hours'] } : {}),
  }));
}

/** One component subtree of internet-id: its critical alerts page `critical`, its warnings go to Slack. */
const internetIdComponent = (component: string, critical: string): Route => ({
  matchers: { component },
  routes: bySeverity({ critical, warning: slackWarnings.name }),
});

/**
 * Spec 004: service-based routing (database, API, IPFS, blockchain) inside
 * internet-id, then by severity; database criticals page the database on-call
 * through their own routing key. Other components (queue, host, cache, web)
 * route by severity alone.
 */
const internetId: Route = {
  matchers: { service: 'internet-id' },
  groupBy: ['alertname', 'service', 'component', 'severity'],
  routes: [
    internetIdComponent('database', internetIdDatabaseCritical.name),
    ...['api', 'ipfs', 'blockchain'].map((c) => internetIdComponent(c, teamCritical('internet-id').name)),
    ...bySeverity({ critical: teamCritical('internet-id').name, warning: slackWarnings.name, info: emailInfo.name }),
  ],
};

/** One subtree per team of the other systems, so each pages its own on-call. */
const team = (name: string, receivers: Partial<Record<Severity, string>>): Route => ({ matchers: { team: name }, routes: bySeverity(receivers) });

/** The organisation's routing tree: group by alert, service and severity; teams, then severity. */
export const routeTree: Route = {
  receiver: fallback.name,
  groupBy: ['alertname', 'service', 'severity'],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
  routes: [
    // The Watchdog to the dead man's switch, before anything else can take it.
    heartbeatFirst,
    internetId,
    team('ik-engine', { critical: teamCritical('ik-engine').name, warning: slackWarnings.name }),
    team('canvascast', { critical: teamCritical('canvascast').name, warning: slackWarnings.name }),
    team('pose-generator', { critical: teamCritical('pose-generator').name, warning: slackWarnings.name }),
    team('dubbing', { critical: teamCritical('dubbing').name, warning: dubbingWarnings.name }),
    // The monitoring stack itself (rules/monitoring).
    team('observability', { critical: teamCritical('observability').name, warning: slackWarnings.name }),
  ],
};
