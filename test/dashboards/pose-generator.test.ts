import { alertSignals, laidOutPanels, panelQueries } from '../../lib';
import { poseGeneratorDashboards } from '../../dashboards/pose-generator';
import { failureRateElevated, generationCriticallySlow, highFailureRate, queueBacklog, queueOverloaded, slowGeneration, workerDown } from '../../rules/pose-generator/alerts';
import { errorsByTypeLastHour, meanDuration, queueByState, queueDepthWaitingActive } from '../../rules/pose-generator/recording';
import { local } from '../../stacks/environments';
import { dashboardJson, declaredPanel, jsonPanel, panelExprs, panelSteps, thresholdOf } from '../util/grafana';

const UID = 'pose-generator-overview';
const UIDS = [UID];

/** The rendered panel's kind, unit, range and PromQL. */
function shape(title: string) {
  const p = jsonPanel(UID, title);
  const d = p.fieldConfig.defaults;
  return { type: p.type, unit: d.unit, min: d.min, max: d.max, exprs: panelExprs(p) };
}

const generationsRate = (status?: string) =>
  `rate(pose_generations_total{job="pose-generator",${status ? `status="${status}",` : ''}instance=~"$instance"}[$__rate_interval])`;

describe('pose-generator dashboards (spec 002)', () => {
  test('the overview comes first, tagged, sourced, one title per panel', () => {
    expect(poseGeneratorDashboards.map((d) => d.uid)).toEqual(UIDS);
    for (const d of poseGeneratorDashboards) {
      expect(d.tags).toEqual(['pose-generator']);
      expect(d.source).toBe(`dashboards/pose-generator/${d.uid.replace('pose-generator-', '')}.ts`);
      expect(d.uid.length).toBeLessThanOrEqual(40);
      const titles = laidOutPanels(d).map((p) => p.panel.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  test('the five spec panels, in order, with the kinds the spec names', () => {
    const d = dashboardJson(UID);
    const panels = (d.panels ?? []) as any[];
    const rowAt = panels.findIndex((p) => p.type === 'row' && p.title === 'Generations (spec panels)');
    expect(panels.slice(rowAt + 1, rowAt + 6).map((p) => `${p.type} ${p.title}`)).toEqual([
      'timeseries Generation Rate',
      'gauge Success Rate',
      'timeseries Queue Depth',
      'timeseries Average Duration',
      'barchart Error Rate by Type',
    ]);
  });

  test('Generation Rate is a rate by status over $__rate_interval, scoped to the job', () => {
    expect(shape('Generation Rate')).toMatchObject({ type: 'timeseries', unit: 'ops', min: 0, exprs: [`sum by (status) (${generationsRate()})`] });
  });

  test('Success Rate is a 0..1 gauge of completed over all generations, a ratio of rates (not of raw counters)', () => {
    expect(shape('Success Rate')).toEqual({
      type: 'gauge',
      unit: 'percentunit',
      min: 0,
      max: 1,
      exprs: [`sum by (job) (${generationsRate('completed')}) / sum by (job) (${generationsRate()})`],
    });
    // Its bands are the failure-rate alerts' levels turned into success: red below 90 %, orange below 95 %.
    expect(panelSteps(jsonPanel(UID, 'Success Rate'))).toEqual([
      { value: null, color: 'red' },
      { value: 1 - thresholdOf(highFailureRate), color: 'orange' },
      { value: 1 - thresholdOf(failureRateElevated), color: 'green' },
    ]);
  });

  test('Average Duration is the recorded rate(_sum) / rate(_count), Error Rate by Type the recorded increase by type', () => {
    expect(shape('Average Duration')).toMatchObject({ type: 'timeseries', unit: 's', exprs: [meanDuration.series.promql] });
    expect(meanDuration.expr.promql).toBe(
      'sum by (job) (rate(pose_generation_duration_seconds_sum{job="pose-generator"}[5m])) / sum by (job) (rate(pose_generation_duration_seconds_count{job="pose-generator"}[5m]))',
    );
    expect(shape('Error Rate by Type')).toMatchObject({ type: 'barchart', unit: 'short', exprs: ['job_error_type:pose_errors:increase1h{job="pose-generator"}'] });
    expect(errorsByTypeLastHour.expr.promql).toBe('sum by (job, error_type) (increase(pose_errors_total{job="pose-generator"}[1h]))');
    expect(jsonPanel(UID, 'Error Rate by Type').targets[0].legendFormat).toBe('{{error_type}}');
  });

  test('Queue Depth plots the alerts\' waiting + active depth and every state, with their thresholds', () => {
    expect(shape('Queue Depth').exprs).toEqual([queueDepthWaitingActive.series.promql, queueByState.series.promql]);
    expect(panelSteps(jsonPanel(UID, 'Queue Depth'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(queueBacklog), color: 'orange' },
      { value: thresholdOf(queueOverloaded), color: 'red' },
    ]);
  });

  test('alert panels carry the alerts\' thresholds, and an override moves them', () => {
    expect(panelSteps(jsonPanel(UID, 'Average Duration'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(slowGeneration), color: 'orange' },
      { value: thresholdOf(generationCriticallySlow), color: 'red' },
    ]);
    const env = { ...local, alertOverrides: { [slowGeneration.name]: { threshold: 45 }, [highFailureRate.name]: { threshold: 0.2 } } };
    expect(panelSteps(jsonPanel(UID, 'Average Duration', env))).toEqual([
      { value: null, color: 'green' },
      { value: 45, color: 'orange' },
      { value: thresholdOf(generationCriticallySlow), color: 'red' },
    ]);
    expect(panelSteps(jsonPanel(UID, 'Failure rate (1h)', env))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(failureRateElevated), color: 'orange' },
      { value: 0.2, color: 'red' },
    ]);
  });

  test('the worker-downtime panel plots the alert\'s own signals (queue min and finished jobs over its 5m window)', () => {
    const { panel } = declaredPanel(UID, 'Queued jobs against finished jobs (5m)');
    expect(panel.alerts).toEqual([workerDown]);
    const signals = alertSignals(workerDown.expr).map((s) => s.expr.promql);
    for (const q of panelQueries(panel)) expect(signals).toContain(q.expr.promql);
  });
});
