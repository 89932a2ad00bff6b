import { RATE_INTERVAL, alertPanel, add, bucketRates, dashboard, div, gauge, histogramQuantile, latencyHeatmap, rate, row, stat, sum, timeseries } from '../../lib';
import { authFailureSpike } from '../../rules/ik-engine/alerts';
import { authLoginFailure, authLoginMs, authLoginSuccess, ikEngine } from '../../rules/ik-engine/metrics';
import { authLatency } from '../../rules/ik-engine/slo';
import { headlineStat } from './panels';

const successes = sum(rate(authLoginSuccess, RATE_INTERVAL), { by: ['job'] });
const failures = sum(rate(authLoginFailure, RATE_INTERVAL), { by: ['job'] });

/** Successful logins among all attempts: a ratio of rates (the raw counters reset on deploy). */
const successShare = div(successes, add(successes, failures));

/** The auth-latency SLO's bound (400 ms): the p95 panel's threshold line. */
const loginBoundMs = (authLatency.props.sli as { threshold: number }).threshold;
const loginP95 = histogramQuantile(0.95, bucketRates(authLoginMs, RATE_INTERVAL, { by: ['job'] }));

/**
 * Spec 000 § 4 "Auth: login successes/failures, failure codes". auth_login_failure_total
 * carries no failure code (the spec names no such label or metric): "failure codes" is
 * not implemented (docs/spec-coverage/ik-engine.md).
 */
export const ikEngineAuth = dashboard({
  uid: 'ik-engine-auth',
  title: 'ik-engine: auth',
  description:
    'Logins (spec 000, "Auth"): successes and failures, the share that succeeds, login latency against its SLO, and the failure spike alert. A spike in failures is an attack (credential stuffing) or a broken auth configuration.',
  source: 'dashboards/ik-engine/auth.ts',
  systems: [ikEngine],
  tags: ['ik-engine'],
  headline: [
    stat({
      ...headlineStat,
      title: 'Logins per second',
      description: 'Successful logins per second over the last $__rate_interval.',
      unit: 'ops',
      min: 0,
      queries: [{ expr: successes, legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Failed logins per second',
      description: 'Failed logins per second over the last $__rate_interval.',
      unit: 'ops',
      min: 0,
      queries: [{ expr: failures, legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Logins succeeding',
      description: 'Share of login attempts over the last $__rate_interval that succeeded: successes / (successes + failures).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: successShare, legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Login p95 now',
      description: `p95 login latency over the last $__rate_interval, in ms; the SLO wants 95 % of logins within ${loginBoundMs} ms.`,
      unit: 'ms',
      min: 0,
      queries: [{ expr: loginP95, legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Logins', [
      timeseries({
        title: 'Login successes and failures',
        description: 'Successful and failed logins per second. Failures rising while successes hold is someone guessing passwords; both falling together is traffic, not auth.',
        unit: 'ops',
        min: 0,
        queries: [
          { expr: successes, legend: 'success' },
          { expr: failures, legend: 'failure' },
        ],
      }),
      alertPanel(authFailureSpike, { legend: ['{{job}}: 10m rate / previous day', '{{job}}: failures/s (10m)'],
        title: 'Failures against the previous day',
        description:
          'First line: the login failure rate over the last 10 minutes divided by the average rate of the day before (1 = a normal day). Second line: that 10m failure rate in failures/s. IkEngineAuthFailureSpike fires when the ratio passes 10 while the rate is above the 0.05/s floor: the dashed lines are those two bars, each for its own line.',
        unit: 'short',
        min: 0,
      }),
      gauge({
        title: 'Login success share',
        description: 'Share of login attempts over the last $__rate_interval that succeeded (a ratio of rates). A sudden fall with a failure spike is an attack or a broken identity provider.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        queries: [{ expr: successShare, legend: '{{job}}' }],
      }),
    ]),
    row('Login latency', [
      timeseries({
        title: 'Login latency p95',
        description: `p95 login latency per job, in ms. The dashed line is the SLO's ${loginBoundMs} ms; the SLO itself (95 % of logins within it) is on ik-engine: SLOs.`,
        unit: 'ms',
        min: 0,
        width: 12,
        thresholds: [
          { value: null, color: 'green' },
          { value: loginBoundMs, color: 'orange' },
        ],
        queries: [{ expr: loginP95, legend: '{{job}}' }],
      }),
      latencyHeatmap(authLoginMs, {
        title: 'Login latency distribution',
        description: 'Logins per second in each latency bucket (50 ms to 2 s, in ms): a band above 400 ms is logins missing the SLO.',
        unit: 'ms',
        width: 12,
      }),
    ]),
  ],
});
