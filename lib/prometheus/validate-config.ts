import { durationMs, durationProblem, hostPortProblem, labelNameProblem, labelValueProblem } from '../promql';
import { PROMETHEUS_DEFAULTS, PrometheusConfig, ScrapeConfig } from './config';
import { relabelProblems } from './validate-relabel';
import { scrapeLossProblems } from './scrape-loss';
import { RulePack, packName, packSystems } from './rule-pack';
import { rulePacksProblems } from './validate';
import { CREDENTIALS_IN_URL, remoteWriteProblems } from './remote-write';

const SIZE = /^\d+(B|KB|MB|GB|TB|PB|EB)$/;

/** Everything wrong with a Prometheus setup: the config itself, its rule packs, and how they fit. */
export function prometheusProblems(config: PrometheusConfig, packs: readonly RulePack[]): string[] {
  const g = config.global;
  const problems: string[] = [];
  for (const [field, value] of Object.entries({ scrapeInterval: g.scrapeInterval, scrapeTimeout: g.scrapeTimeout, evaluationInterval: g.evaluationInterval })) {
    const problem = value === undefined ? undefined : durationProblem(value);
    if (problem) problems.push(`prometheus global.${field}: ${problem}`);
  }
  const retentionProblem = config.retention?.time === undefined ? undefined : durationProblem(config.retention.time);
  if (retentionProblem) problems.push(`prometheus retention.time: ${retentionProblem}`);
  const resendProblem = config.alertResendDelay === undefined ? undefined : durationProblem(config.alertResendDelay);
  if (resendProblem) problems.push(`prometheus alertResendDelay: ${resendProblem}`);
  if (config.retention?.size !== undefined && !SIZE.test(config.retention.size)) {
    problems.push(`prometheus retention.size ${JSON.stringify(config.retention.size)} is not a size; use e.g. 10GB`);
  }
  const interval = g.scrapeInterval ?? PROMETHEUS_DEFAULTS.scrapeInterval;
  if (g.scrapeTimeout && !durationProblem(g.scrapeTimeout) && !durationProblem(interval) && durationMs(g.scrapeTimeout) > durationMs(interval)) {
    problems.push(`prometheus global.scrapeTimeout ${g.scrapeTimeout} is longer than global.scrapeInterval ${interval}; Prometheus refuses that`);
  }
  problems.push(...labelSetProblems(g.externalLabels, 'prometheus global.externalLabels'));
  problems.push(...remoteWriteProblems(config.remoteWrite ?? []), ...serverLimitProblems(config));
  for (const target of config.alertmanagers ?? []) {
    const problem = hostPortProblem(target);
    if (problem) problems.push(`prometheus alertmanagers: ${problem}`);
  }
  const names = config.scrapeConfigs.map((j) => j.jobName);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`scrape job ${name} is declared twice; job names must be unique (they are the job label)`);
  }
  for (const job of config.scrapeConfigs) problems.push(...scrapeJobProblems(job, g.scrapeInterval ?? PROMETHEUS_DEFAULTS.scrapeInterval));
  for (const pack of packs) {
    for (const system of packSystems(pack)) {
      const job = system.selector.job;
      if (job !== undefined && !names.includes(job)) {
        problems.push(`rule pack ${packName(pack)} selects job="${job}" but no scrape job has that name; add its scrape config or fix the system selector`);
      }
    }
  }
  const evaluationInterval = durationProblem(g.evaluationInterval ?? PROMETHEUS_DEFAULTS.evaluationInterval)
    ? PROMETHEUS_DEFAULTS.evaluationInterval
    : (g.evaluationInterval ?? PROMETHEUS_DEFAULTS.evaluationInterval);
  return [...problems, ...rulePacksProblems(packs, { evaluationInterval }), ...scrapeLossProblems(config.scrapeConfigs, packs)];
}

function scrapeJobProblems(job: ScrapeConfig, globalInterval: string): string[] {
  const where = `scrape job ${job.jobName}`;
  const problems: string[] = [];
  if (!job.jobName?.trim()) problems.push('a scrape job has an empty jobName');
  if (job.targets.length === 0) problems.push(`${where}: has no targets`);
  // A probe job (blackbox) rewrites __address__ and passes the target on as a parameter: any URL will do.
  const rewritesAddress = (job.relabelConfigs ?? []).some((r) => r.targetLabel === '__address__');
  for (const target of job.targets) {
    const problem = hostPortProblem(target);
    if (problem && !(rewritesAddress && /^[a-z]+:\/\/\S+$/.test(target))) problems.push(`${where}: target ${problem} (the scheme and path are separate settings)`);
  }
  problems.push(...labelSetProblems(job.targetLabels, `${where}: targetLabels`));
  (job.relabelConfigs ?? []).forEach((r, i) => problems.push(...relabelProblems(r, `${where}: relabelConfigs[${i}]`)));
  for (const [field, value] of Object.entries({ scrapeInterval: job.scrapeInterval, scrapeTimeout: job.scrapeTimeout })) {
    const problem = value === undefined ? undefined : durationProblem(value);
    if (problem) problems.push(`${where}: ${field} ${problem}`);
  }
  const interval = job.scrapeInterval ?? globalInterval;
  if (job.scrapeTimeout && !durationProblem(job.scrapeTimeout) && !durationProblem(interval) && durationMs(job.scrapeTimeout) > durationMs(interval)) {
    problems.push(`${where}: scrapeTimeout ${job.scrapeTimeout} is longer than its interval ${interval}; Prometheus rejects that`);
  }
  if (job.metricsPath !== undefined && !job.metricsPath.startsWith('/')) problems.push(`${where}: metricsPath must start with /`);
  if (job.basicAuth) {
    if ('password' in job.basicAuth) {
      problems.push(`${where}: basic_auth has a plain-text password; remove it and set passwordFile to a mounted secret file`);
    }
    if (!job.basicAuth.passwordFile?.startsWith('/')) problems.push(`${where}: basicAuth.passwordFile must be an absolute path inside the container`);
  }
  const text = JSON.stringify(job);
  if (CREDENTIALS_IN_URL.test(text)) problems.push(`${where}: a URL carries user:password; use basicAuth with passwordFile instead`);
  return problems;
}

/** Labels a config sets on every series (external labels, target labels): names, and values routing can compare. */
function labelSetProblems(labels: Readonly<Record<string, string>> | undefined, where: string): string[] {
  return Object.entries(labels ?? {}).flatMap(([name, value]) => {
    const problem = labelNameProblem(name) ?? labelValueProblem(value);
    return problem ? [`${where}: ${problem}`] : [];
  });
}

/** The query engine's limits. */
function serverLimitProblems(config: PrometheusConfig): string[] {
  const problems: string[] = [];
  const timeout = config.query?.timeout === undefined ? undefined : durationProblem(config.query.timeout);
  if (timeout) problems.push(`prometheus query.timeout: ${timeout}`);
  const concurrency = config.query?.maxConcurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) problems.push(`prometheus query.maxConcurrency is ${concurrency}; it must be a whole number, 1 or more`);
  return problems;
}
