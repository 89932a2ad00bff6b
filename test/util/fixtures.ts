import * as os from 'os';
import { App } from 'cdktf';
import { PrometheusConfig, RulePack, System, alertRule, gt, rate, ruleGroup, rulePack, sum } from '../../lib';
import { Environment, local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';

/** A small system of our own, so tests do not depend on the content packs. */
export function testSystem(name = 'shop'): System {
  return new System({ name, title: `Test system ${name}`, team: 'test-team', selector: { job: name } });
}

/** A valid one-alert pack for `system`, for tests that break one thing at a time. */
export function minimalPack(system: System = testSystem()): RulePack {
  const requests = system.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
  return rulePack({
    system,
    source: 'test/util/fixtures.ts',
    runbookUrl: 'https://runbooks.example.org/test.md',
    groups: [
      ruleGroup({
        name: `${system.name}.alerts`,
        rules: [
          alertRule({
            name: 'ShopTrafficHigh',
            expr: gt(sum(rate(requests, '5m'), { by: ['job'] }), 100),
            for: '5m',
            severity: 'warning',
            summary: 'Traffic high',
            description: '{{ $labels.job }} serves {{ $value | humanize }} req/s.',
          }),
        ],
      }),
    ],
  });
}

/** A valid Prometheus config scraping `jobs`. */
export function minimalConfig(jobs: readonly string[] = ['shop']): PrometheusConfig {
  return {
    global: { scrapeInterval: '15s', evaluationInterval: '15s' },
    // The fixtures' packs are about other things; the loss rule has its own cases.
    scrapeConfigs: jobs.map((jobName) => ({ jobName, targets: [`${jobName}:8080`], unalertedReason: 'test fixture' })),
  };
}

/** The generated files of an environment's stack (path under the stack folder → content), as synth writes them. */
export function stackFiles(env: Environment = local): Map<string, string> {
  return new MonitoringStack(new App({ outdir: os.tmpdir() }), env).renderFiles();
}

/**
 * What a secret file holds in tests, by file name: Slack's is a URL (by
 * default a closed port), the rest a token. No trailing newline: Alertmanager
 * 0.25 reads URL files as they are.
 */
export function standInSecret(file: string, slackUrl = 'http://127.0.0.1:9/slack'): string {
  return file.includes('slack') ? slackUrl : 'test-secret';
}
