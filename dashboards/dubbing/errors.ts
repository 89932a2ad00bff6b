import { RATE_INTERVAL, barGauge, dashboard, max, rate, rateRatio, re, row, share, stat, sum, table, timeseries, topk } from '../../lib';
import { highErrorRate, jobFailureRateCritical, jobFailureRateHigh, modelErrorRateHigh } from '../../rules/dubbing/alerts';
import { dubbing, httpRequests } from '../../rules/dubbing/metrics';
import { http5xxRatio, jobFailureRatio, modelErrorRatio } from '../../rules/dubbing/recording';
import { headline, worstModelErrorShare } from './common';

const errorResponses = httpRequests.where({ status: re('[45]..') });

/**
 * Spec 003, "Operational Dashboards › 5. Error Rate Dashboard": error rate by
 * endpoint (by method: there is no route label), by stage and by model, and
 * the top error types (as status codes). Error resolution time is Sentry's
 * (see docs/spec-coverage/dubbing.md).
 */
export const dubbingErrors = dashboard({
  uid: 'dubbing-errors',
  title: 'Dubbing: error rate',
  description:
    'Where the platform fails: HTTP errors by method and status code, failed pipeline stages and failed model inferences, side by side. Error types and resolution times live in Sentry.',
  source: 'dashboards/dubbing/errors.ts',
  systems: [dubbing],
  tags: ['dubbing'],
  headline: [
    stat({
      ...headline,
      ...share,
      width: 6,
      title: 'API 5xx share',
      description: 'Share of HTTP requests answered 5xx over 5 minutes (warning above 1 %).',
      queries: [{ expr: http5xxRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...share,
      width: 6,
      title: 'API 4xx share',
      description: 'Share of HTTP requests answered 4xx over $__rate_interval: client errors (bad input, auth, rate limits).',
      queries: [{ expr: rateRatio(httpRequests.where({ status: re('4..') }), httpRequests, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...share,
      width: 6,
      title: 'Worst stage failure share',
      description: 'Failure share of the stage failing most over 15 minutes (warning above 5 %, critical above 10 %).',
      queries: [{ expr: max(jobFailureRatio.series, { by: ['job'] }), legend: '{{job}}' }],
    }),
    worstModelErrorShare,
  ],
  rows: [
    row('API errors', [
      // The recorded 5xx share per job is DubbingHighErrorRate's own signal ("Error rate > 1%").
      timeseries({
        ...share,
        title: 'API error rate (5xx share)',
        description: 'Share of HTTP requests answered 5xx over 5 minutes. DubbingHighErrorRate warns above 1 % for 10 minutes.',
        width: 8,
        alerts: [highErrorRate],
        queries: [{ expr: http5xxRatio.series, legend: '{{job}}' }],
      }),
      // "Error rate by endpoint": http_requests_total has method and status only, no route: by method is the finest cut.
      timeseries({
        ...share,
        title: 'Error rate by method',
        description: 'Share of requests answered 5xx per HTTP method over $__rate_interval: POST failing alone points at uploads or job creation. The spec asks per endpoint; the metric has no route label.',
        width: 8,
        queries: [{ expr: rateRatio(httpRequests.where({ status: re('5..') }), httpRequests, RATE_INTERVAL, { by: ['method'] }), legend: '{{method}}' }],
      }),
      timeseries({
        title: 'Error responses by status',
        description: 'HTTP responses with a 4xx or 5xx status per second, by status code.',
        unit: 'reqps',
        min: 0,
        width: 8,
        queries: [{ expr: sum(rate(errorResponses, RATE_INTERVAL), { by: ['status'] }), legend: '{{status}}' }],
      }),
    ]),
    row('Top error types', [
      // "Top error types": the metric knows no error type; the status code and method of error responses are the nearest.
      barGauge({
        title: 'Top error types (status and method)',
        description: 'The five status-and-method pairs answering the most 4xx/5xx per second now. Exception types are grouped in Sentry, not here.',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: topk(5, sum(rate(errorResponses, RATE_INTERVAL), { by: ['status', 'method'] })), legend: '{{status}} {{method}}' }],
      }),
      table({
        title: 'Error responses by status and method',
        description: 'Every status-and-method pair answering 4xx/5xx, with its rate per second now: the full list behind the top five.',
        unit: 'reqps',
        width: 12,
        queries: [{ expr: sum(rate(errorResponses, RATE_INTERVAL), { by: ['status', 'method'] }), legend: '{{status}} {{method}}' }],
      }),
    ]),
    row('Pipeline and model errors', [
      timeseries({
        ...share,
        title: 'Error rate by stage',
        description: 'Share of stage runs that failed over 15 minutes, by stage (the job failure alerts\' signal: warning above 5 %, critical above 10 %).',
        width: 12,
        alerts: [jobFailureRateHigh, jobFailureRateCritical],
        queries: [{ expr: jobFailureRatio.series, legend: '{{stage}}' }],
      }),
      timeseries({
        ...share,
        title: 'Error rate by model',
        description: 'Share of inferences that failed over 5 minutes, by model (DubbingModelErrorRateHigh warns above 1 %).',
        width: 12,
        alerts: [modelErrorRateHigh],
        queries: [{ expr: modelErrorRatio.series, legend: '{{model}}' }],
      }),
    ]),
  ],
});
