import { Construct } from 'constructs';
import { RulePack, ScrapeConfig, packAlerts, scrapeLossCoverage } from '../prometheus';
import { GeneratedFiles } from '../synth/generated-files';
import { AlertmanagerConfig } from './config';
import { renderAlertmanagerConfig } from './render';
import { renderRoutingTable } from './routing-table';
import { RoutedAlert, alertmanagerProblems } from './validate';

export interface AlertmanagerFilesProps {
  readonly config: AlertmanagerConfig;
  /** The rule packs as deployed: every alert must route to a real receiver. */
  readonly rulePacks: readonly RulePack[];
  /** Prometheus' external labels, which every alert carries. @default none */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** Named in the generated headers. */
  readonly source: string;
  /** Prometheus' scrape jobs: routing.md lists the alert that notices each one's loss. @default none listed */
  readonly scrapeConfigs?: readonly ScrapeConfig[];
}

/** The alerts as Alertmanager sees them: static labels, alertname, external labels. */
export function routedAlerts(rulePacks: readonly RulePack[], externalLabels: Readonly<Record<string, string>> = {}): RoutedAlert[] {
  return rulePacks
    .flatMap(packAlerts)
    .map((a) => ({ name: a.name, labels: { alertname: a.name, ...externalLabels, ...a.labels }, seriesLabels: a.rule.expr?.labels ?? [] }));
}

/** A deployed environment says where its heartbeat goes, or why it has none. */
function heartbeatDeclared(config: AlertmanagerConfig): string[] {
  if (config.heartbeat !== undefined) return [];
  return [
    "alertmanager: no heartbeat; nothing outside the stack would notice it stop. Route the always-firing Watchdog (rules/monitoring) to a dead man's switch: " +
      "heartbeat: { alert: 'Watchdog', receiver: '<switch receiver>' } with heartbeatRoute() first in the tree and heartbeatReceiver(); or declare heartbeat: { none: '<why>' }",
  ];
}

/**
 * alertmanager.yml and routing.md (each alert and its receivers), cross-checked
 * against every alert at synth, written to `<stack>/alertmanager/`.
 */
export class AlertmanagerFiles extends Construct {
  readonly config: AlertmanagerConfig;

  constructor(scope: Construct, id: string, props: AlertmanagerFilesProps) {
    super(scope, id);
    this.config = props.config;
    const alerts = () => routedAlerts(props.rulePacks, props.externalLabels);
    new GeneratedFiles(this, 'Files', {
      directory: 'alertmanager',
      problems: () => [...heartbeatDeclared(props.config), ...alertmanagerProblems(props.config, alerts())],
      render: () =>
        new Map([
          ['alertmanager.yml', renderAlertmanagerConfig(props.config, props.source)],
          ['routing.md', renderRoutingTable(props.config, alerts(), props.source, scrapeLossCoverage(props.scrapeConfigs ?? [], props.rulePacks))],
        ]),
    });
  }
}
