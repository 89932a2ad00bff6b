import { Construct } from 'constructs';
import { TerraformVariable } from 'cdktf';
import { AlertmanagerClusterMember, AlertmanagerConfig, AlertmanagerFiles, alertmanagerFlags, configVersion, runOptionsProblems } from '../alertmanager';
import { Duration } from '../promql';
import { ImageRef, releaseOf } from './image';
import { secretFilesOf } from '../synth/secret-files';
import { ServerContainer } from './server-container';
import { ServerProps } from './deployment';

/** Debian bookworm's release: its amtool checks the rendered alertmanager.yml in this project's tests. */
export const ALERTMANAGER_IMAGE: ImageRef = { repository: 'prom/alertmanager', tag: 'v0.25.0' };
export const ALERTMANAGER_PORT = 9093;

export interface AlertmanagerServerProps extends ServerProps {
  readonly files: AlertmanagerFiles;
  /** Container suffix and network name. @default 'alertmanager' */
  readonly name?: string;
  /** Its place in a highly available group (alertmanagerCluster). @default a single instance, no gossip */
  readonly cluster?: AlertmanagerClusterMember;
  /** How long expired silences and notification log entries are kept. @default Alertmanager's 120h */
  readonly dataRetention?: Duration;
  /** The receiver secrets' variables of an earlier member of the same group: one variable per secret, not one per instance. @default its own */
  readonly sharedSecrets?: ReadonlyMap<string, TerraformVariable>;
}

/**
 * One Alertmanager: alertmanager.yml, a data volume for silences and
 * notification state, and every receiver secret file filled from a sensitive
 * variable (`alertmanager_secret_<file name>`); in a group, it gossips with
 * its peers on ALERTMANAGER_CLUSTER_PORT, on the deployment's network only.
 */
export class AlertmanagerServer extends ServerContainer {
  constructor(scope: Construct, id: string, props: AlertmanagerServerProps) {
    const image = props.image ?? ALERTMANAGER_IMAGE;
    super(scope, id, {
      name: props.name ?? 'alertmanager',
      namePrefix: props.deployment.namePrefix,
      network: props.deployment.network,
      image,
      command: alertmanagerFlags({ configFile: '/etc/alertmanager/alertmanager.yml', storagePath: '/alertmanager', dataRetention: props.dataRetention, cluster: props.cluster }),
      ports: [{ internal: ALERTMANAGER_PORT, external: props.hostPort, hostIp: props.hostIp }],
      limits: props.limits,
      uploads: [{ path: '/etc/alertmanager/alertmanager.yml', source: 'alertmanager/alertmanager.yml' }],
      secretFiles: secretFilesOf(props.files.config),
      secretVariablePrefix: 'alertmanager_secret',
      sharedSecrets: props.sharedSecrets,
      healthUrl: `http://127.0.0.1:${ALERTMANAGER_PORT}/-/healthy`,
      dataPath: '/alertmanager',
    });
    this.node.addValidation({ validate: () => [...zoneProblems(props.files.config, image), ...runOptionsProblems(props, `container ${props.name ?? 'alertmanager'}`)] });
    const written = configVersion(props.files.config);
    const release = releaseOf(image);
    this.node.addValidation({
      validate: () => {
        // A digest names no release: the config must say which one it is written for.
        if (release === undefined) {
          return props.files.config.version === undefined
            ? [`container alertmanager: image ${image.repository}@${image.tag} is pinned by digest, which names no release; set the config's version to the release it holds`]
            : [];
        }
        return release === written
          ? []
          : [`container alertmanager: image ${image.repository}:${image.tag} runs another release than alertmanager.yml is written for (${written}); set the config's version to ${release} or pin the image to a ${written}.x release`];
      },
    });
  }
}

/**
 * The official images are busybox with no zone database, and Alertmanager
 * embeds none (prometheus/busybox#61): any location but UTC fails its load
 * with "unknown time zone".
 */
function zoneProblems(config: AlertmanagerConfig, image: ImageRef): string[] {
  if (!/^(quay\.io\/prometheus|prom)\/alertmanager$/.test(image.repository)) return [];
  return (config.timeIntervals ?? []).flatMap((t) =>
    t.intervals
      .filter((p) => p.location !== undefined && p.location !== 'UTC')
      .map(
        (p) =>
          `time interval ${JSON.stringify(t.name)}: location ${p.location} needs a zone database, which the ${image.repository} image lacks (Alertmanager embeds none); write the times in UTC, or use an image with tzdata`,
      ),
  );
}
