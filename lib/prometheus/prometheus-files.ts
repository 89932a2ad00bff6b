import { Construct } from 'constructs';
import { GeneratedFiles } from '../synth/generated-files';
import { PrometheusConfig } from './config';
import { renderPrometheusConfig } from './render-config';
import { renderRuleFile, ruleFilePath } from './render-rules';
import { AlertOverrides, applyAlertOverrides } from './overrides';
import { RulePack, packName } from './rule-pack';
import { prometheusProblems } from './validate-config';

export interface PrometheusFilesProps {
  readonly config: PrometheusConfig;
  /** One pack per system; each becomes `rules/<system>.yml`. */
  readonly rulePacks: readonly RulePack[];
  /** Named in the generated headers, e.g. `stacks/environments.ts`. */
  readonly source: string;
  /**
   * Per-alert changes of this deployment (threshold, for, severity, disabled).
   * @default none
   */
  readonly alertOverrides?: AlertOverrides;
  /**
   * Renders a pack's promtool unit test files (file name suffix → content),
   * written to `tests/<pack>.<suffix>` beside the rules (e.g. the generator in lib/testing).
   * @default no test files
   */
  readonly unitTests?: (pack: RulePack, ruleFileFromTests: string) => ReadonlyMap<string, string>;
  /**
   * Links the packs' alerts to something else than their pack's dashboard
   * (the Grafana panels that plot them): the packs as overridden in, the packs as deployed out.
   * @default alerts keep their own and their pack's dashboard_url
   */
  readonly linkAlerts?: (packs: readonly RulePack[]) => readonly RulePack[];
}

/**
 * prometheus.yml and one rule file per system, checked at synth and written
 * to `<stack>/prometheus/`.
 */
export class PrometheusFiles extends Construct {
  readonly config: PrometheusConfig;
  /** The packs as deployed: overrides applied. */
  readonly rulePacks: readonly RulePack[];

  constructor(scope: Construct, id: string, props: PrometheusFilesProps) {
    super(scope, id);
    this.config = props.config;
    const overridden = applyAlertOverrides(props.rulePacks, props.alertOverrides);
    this.rulePacks = props.linkAlerts ? props.linkAlerts(overridden.packs) : overridden.packs;
    const deployed = { ...props, rulePacks: this.rulePacks };
    new GeneratedFiles(this, 'Files', {
      directory: 'prometheus',
      problems: () => [...overridden.problems, ...prometheusProblems(props.config, this.rulePacks)],
      render: () => renderPrometheusFiles(deployed),
    });
  }
}

/** The files, relative to the prometheus folder. Pure: tests call it directly. */
export function renderPrometheusFiles(props: PrometheusFilesProps): Map<string, string> {
  const files = new Map<string, string>();
  const ruleFiles = props.rulePacks.map(ruleFilePath);
  files.set('prometheus.yml', renderPrometheusConfig(props.config, ruleFiles, props.source));
  props.rulePacks.forEach((pack, i) => files.set(ruleFiles[i], renderRuleFile(pack)));
  if (props.unitTests) {
    props.rulePacks.forEach((pack, i) => {
      for (const [suffix, content] of props.unitTests!(pack, `../${ruleFiles[i]}`)) files.set(`tests/${packName(pack)}.${suffix}`, content);
    });
  }
  return files;
}
