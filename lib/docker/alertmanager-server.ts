import { Construct } from 'constructs';
import { AlertmanagerConfig, AlertmanagerFiles, configVersion } from '../alertmanager';
import { ImageRef, releaseOf } from './image';
import { secretFilesOf } from '../synth/secret-files';
import { ServerContainer } from './server-container';
import { ServerProps } from './deployment';

/** Debian bookworm's release: its amtool checks the rendered alertmanager.yml in this project's tests. */
export const ALERTMANAGER_IMAGE: ImageRef = { repository: 'prom/alertmanager', tag: 'v0.25.0' };
export const ALERTMANAGER_PORT = 9093;

export interface AlertmanagerServerProps extends ServerProps {
  readonly files: AlertmanagerFiles;
}

/**
 * A single Alertmanager: alertmanager.yml, a data volume for silences and
 * notification state, and every receiver secret file filled from a sensitive
 * variable (`alertmanager_secret_<file name>`).
 */
export class AlertmanagerServer extends ServerContainer {
  constructor(scope: Construct, id: string, props: AlertmanagerServerProps) {
    const image = props.image ?? ALERTMANAGER_IMAGE;
    super(scope, id, {
      name: 'alertmanager',
      namePrefix: props.deployment.namePrefix,
      network: props.deployment.network,
      image,
      command: [
        '--config.file=/etc/alertmanager/alertmanager.yml',
        '--storage.path=/alertmanager',
        // One instance: no gossip cluster to join.
        '--cluster.listen-address=',
      ],
      ports: [{ internal: ALERTMANAGER_PORT, external: props.hostPort, hostIp: props.hostIp }],
      uploads: [{ path: '/etc/alertmanager/alertmanager.yml', source: 'alertmanager/alertmanager.yml' }],
      secretFiles: secretFilesOf(props.files.config),
      secretVariablePrefix: 'alertmanager_secret',
      healthUrl: `http://127.0.0.1:${ALERTMANAGER_PORT}/-/healthy`,
      dataPath: '/alertmanager',
    });
    this.node.addValidation({ validate: () => zoneProblems(props.files.config, image) });
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
