import { Construct } from 'constructs';
import { RulePack, ScrapeConfig } from '../prometheus';
import { GeneratedFiles } from '../synth/generated-files';
import { BlackboxModule } from './modules';
import { Probe } from './probe';
import { renderBlackboxConfig } from './render';
import { blackboxModules, blackboxProblems } from './validate';

export interface BlackboxFilesProps {
  /** Every probe of the deployment; their modules make up blackbox.yml. */
  readonly probes: readonly Probe[];
  /**
   * Modules named by string, by probes or by hand-written scrape jobs.
   * @default none
   */
  readonly modules?: readonly BlackboxModule[];
  /**
   * Prometheus' scrape jobs, cross-checked: every probe's job is among them,
   * and every `/probe` job asks for a module blackbox.yml defines.
   * @default no cross-check
   */
  readonly scrapeConfigs?: readonly ScrapeConfig[];
  /**
   * The deployed rule packs, cross-checked: every probe's alerts are in one.
   * @default no cross-check
   */
  readonly rulePacks?: readonly RulePack[];
  /** Named in the generated header, e.g. `stacks/environments.ts`. */
  readonly source: string;
}

/** blackbox.yml for the blackbox exporter, checked at synth and written to `<stack>/blackbox/`. */
export class BlackboxFiles extends Construct {
  /** The modules blackbox.yml defines, identical ones once. */
  readonly modules: readonly BlackboxModule[];
  readonly probes: readonly Probe[];

  constructor(scope: Construct, id: string, props: BlackboxFilesProps) {
    super(scope, id);
    this.modules = blackboxModules(props);
    this.probes = props.probes;
    new GeneratedFiles(this, 'Files', {
      directory: 'blackbox',
      problems: () => blackboxProblems(props),
      render: () => renderBlackboxFiles(props),
    });
  }
}

/** The files, relative to the blackbox folder. Pure: tests call it directly. */
export function renderBlackboxFiles(props: BlackboxFilesProps): Map<string, string> {
  return new Map([['blackbox.yml', renderBlackboxConfig(blackboxModules(props), props.source)]]);
}
