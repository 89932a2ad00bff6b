import { RunningAlertmanager, startAlertmanager } from '../../lib/testing';
import { packAlerts } from '../../lib';
import { local } from '../../stacks/environments';
import { stackFiles, standInSecret } from '../util/fixtures';

/**
 * The rendered alertmanager.yml in a real Alertmanager on 127.0.0.1: alerts
 * are posted to its API, and its own view of what is inhibited is asserted.
 * Secret paths point at throwaway files; notifications fail (no network), which
 * does not matter here: inhibition is decided before anything is sent.
 */
describe('inhibitions in a real Alertmanager', () => {
  let alertmanager: RunningAlertmanager;
  let api: string;

  beforeAll(async () => {
    alertmanager = await startAlertmanager(local.alertmanager, stackFiles().get('alertmanager/alertmanager.yml')!, (file) => standInSecret(file));
    api = alertmanager.api;
  }, 30_000);

  afterAll(() => alertmanager?.stop());

  const base = { environment: 'local', team: 'internet-id', service: 'internet-id' };

  async function post(alerts: Record<string, string>[]): Promise<void> {
    const response = await fetch(`${api}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts.map((labels) => ({ labels, annotations: { summary: labels.alertname } }))),
    });
    expect(response.status).toBe(200);
  }

  /** alertname → the alertnames of the alerts that inhibit it, as Alertmanager reports it. */
  async function inhibitedBy(): Promise<Record<string, string[]>> {
    const alerts = (await (await fetch(`${api}/api/v2/alerts`)).json()) as { labels: Record<string, string>; fingerprint: string; status: { inhibitedBy: string[] } }[];
    const names = new Map(alerts.map((a) => [a.fingerprint, a.labels.alertname]));
    return Object.fromEntries(alerts.map((a) => [a.labels.alertname, a.status.inhibitedBy.map((f) => names.get(f) ?? f).sort()]));
  }

  test('a critical holds back the warning of its family and service, and nothing else', async () => {
    await post([
      { ...base, alertname: 'InternetIdCriticalErrorRate', severity: 'critical', component: 'api', family: 'error-rate' },
      { ...base, alertname: 'InternetIdHighErrorRate', severity: 'warning', component: 'api', family: 'error-rate' },
      { ...base, alertname: 'InternetIdHighMemoryUsage', severity: 'warning', component: 'host', family: 'memory' },
      { ...base, service: 'canvascast', team: 'canvascast', alertname: 'CanvascastHighErrorRateWarning', severity: 'warning', family: 'error-rate' },
      { ...base, alertname: 'InternetIdHighResponseTime', severity: 'warning', component: 'api' },
    ]);
    const status = await inhibitedBy();
    expect(status.InternetIdHighErrorRate).toEqual(['InternetIdCriticalErrorRate']);
    expect(status.InternetIdCriticalErrorRate).toEqual([]);
    // Another family, another service, or no family at all: not held back.
    expect(status.InternetIdHighMemoryUsage).toEqual([]);
    expect(status.CanvascastHighErrorRateWarning).toEqual([]);
    expect(status.InternetIdHighResponseTime).toEqual([]);
  });

  /** The alert as Prometheus sends it: its labels from its rule pack, plus the environment's. */
  const real = (name: string): Record<string, string> => {
    const alert = local.rulePacks.flatMap(packAlerts).find((a) => a.name === name)!;
    return { alertname: name, environment: 'local', ...alert.labels };
  };

  test("a service-down alert holds back its service's other alerts of the same component, not other services' or components'", async () => {
    await post(
      [
        'DubbingApiDown',
        'DubbingHighErrorRate',
        'DubbingApiProbeFailing',
        'DubbingDatabaseDown',
        'PoseGeneratorQueueBacklog',
        'InternetIdServiceDown',
        'InternetIdHighResponseTime',
        'InternetIdDatabaseDown',
        'InternetIdHighDatabaseLatency',
        'CanvascastWorkerDown',
        'CanvascastQueueBacklog',
        'CanvascastSlowResponses',
      ].map(real),
    );
    const status = await inhibitedBy();
    // dubbing: the API down holds back its error rate and its own probe (one outage, one page), not the database.
    expect(status.DubbingHighErrorRate).toEqual(['DubbingApiDown']);
    expect(status.DubbingApiProbeFailing).toEqual(['DubbingApiDown']);
    expect(status.DubbingDatabaseDown).toEqual([]);
    expect(status.DubbingApiDown).toEqual([]);
    expect(status.PoseGeneratorQueueBacklog).toEqual([]);
    // internet-id: by component (spec 004); the database down holds back the database's latency.
    expect(status.InternetIdHighResponseTime).toEqual(['InternetIdServiceDown']);
    expect(status.InternetIdDatabaseDown).toEqual([]);
    expect(status.InternetIdHighDatabaseLatency).toEqual(['InternetIdDatabaseDown']);
    // canvascast: the worker down holds back the backlog it causes, not the API's latency.
    expect(status.CanvascastQueueBacklog).toEqual(['CanvascastWorkerDown']);
    expect(status.CanvascastSlowResponses).toEqual([]);
  });
});
