import { AlertmanagerConfig } from '../lib';
import { deadMansSwitch, heartbeat } from './heartbeat';
import { inhibitRules } from './inhibitions';
import { SECRETS, dubbingWarnings, emailInfo, fallback, internetIdDatabaseCritical, slackWarnings, teamCritical } from './receivers';
import { routeTree } from './routes';

/** This organisation's Alertmanager: receivers, the routing tree, inhibitions. */
export const alertmanagerConfig: AlertmanagerConfig = {
  global: {
    resolveTimeout: '5m',
    smtp: { from: 'alertmanager@example.com', smarthost: 'smtp.example.com:587', authUsername: 'alertmanager', authPasswordFile: `${SECRETS}/smtp-password` },
  },
  route: routeTree,
  receivers: [
    fallback,
    ...['internet-id', 'ik-engine', 'canvascast', 'pose-generator', 'dubbing', 'observability'].map(teamCritical),
    internetIdDatabaseCritical,
    slackWarnings,
    dubbingWarnings,
    emailInfo,
    deadMansSwitch,
  ],
  inhibitRules,
  heartbeat,
  timeIntervals: [{ name: 'business-hours', intervals: [{ weekdays: ['monday:friday'], times: [{ startTime: '08:00', endTime: '18:00' }], location: 'UTC' }] }],
};
