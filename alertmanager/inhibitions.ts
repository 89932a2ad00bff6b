import { InhibitRule, not, re } from '../lib';

/**
 * While the critical level of an alert family fires (InternetIdCriticalErrorRate),
 * its warning level (InternetIdHighErrorRate) of the same service is held back.
 * Both sides require a family: Alertmanager treats a missing label as equal.
 */
export const criticalSilencesWarning: InhibitRule = {
  name: 'critical silences the warning of its family',
  sourceMatchers: { severity: 'critical', family: re('.+') },
  targetMatchers: { severity: 'warning', family: re('.+') },
  equal: ['service', 'family'],
};

/**
 * While a service is down, its other alerts are consequences: hold them back.
 * Within one component only (internet-id's api, database…; a missing label
 * equals a missing label): the API being down says nothing about its
 * database, which may well be the cause and must still page. Never the
 * heartbeat (severity none), which shares the monitoring service.
 */
export const serviceDownSilencesTheRest: InhibitRule = {
  name: "service down silences the service's other alerts",
  sourceMatchers: { impact: 'service-down' },
  targetMatchers: { impact: not('service-down'), severity: not('none') },
  equal: ['service', 'component'],
  mayBeAbsent: ['component'],
};

export const inhibitRules = [criticalSilencesWarning, serviceDownSilencesTheRest];
