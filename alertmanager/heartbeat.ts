import { HeartbeatPath, heartbeatReceiver, heartbeatRoute } from '../lib';
import { watchdog } from '../rules/monitoring/alerts';
import { SECRETS } from './receivers';

/**
 * The dead man's switch outside the stack: it expects the Watchdog every
 * minute and pages the observability on-call when it stops coming (runbook:
 * docs/runbooks/monitoring.md#watchdog). A placeholder address, like the
 * other integrations: Alertmanager 0.25 (the pinned release) reads no webhook
 * URL from a file, so the switch's secret is a bearer token in a mounted file
 * and the URL carries none. Switches whose URL is the secret (healthchecks.io,
 * Dead Man's Snitch, Cronitor) take `urlFile`, with Alertmanager 0.28 or later.
 */
export const deadMansSwitch = heartbeatReceiver('dead-mans-switch', [
  { url: 'https://deadman.example.com/ping/monitoring', credentialsFile: `${SECRETS}/dead-mans-switch-token` },
]);

export const heartbeat: HeartbeatPath = { alert: watchdog.name, receiver: deadMansSwitch.name };

/** First in the tree: nothing before it can take the heartbeat. */
export const heartbeatFirst = heartbeatRoute({ ...heartbeat, every: '1m' });
