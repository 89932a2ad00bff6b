import { AlertmanagerConfig, renderAlertmanagerConfig } from '../alertmanager';
import { ALERTMANAGER_IMAGE } from '../docker/alertmanager-server';
import { KubernetesObject, ObjectMeta } from './objects';
import { operatorServer, persistentStorage, resources } from './operator-server';
import { ALERTMANAGER_CONFIG_SECRET, ALERTMANAGER_SECRET, alertmanagerSecretPath, withSecretFilesMoved } from './secrets';
import { KubernetesTarget } from './target';

export const ALERTMANAGER_PORT = 9093;

/**
 * The Alertmanager resource, configured by the whole alertmanager.yaml in `configSecret`, not by
 * AlertmanagerConfig resources: the operator adds a `namespace="<ns>"` matcher to each of their
 * routes and inhibitions, which the alerts of static targets do not carry, so they would match nothing.
 */
export function alertmanagerResource(environment: string, target: KubernetesTarget, meta: (name: string) => ObjectMeta): KubernetesObject {
  return operatorServer('Alertmanager', environment, target.images?.alertmanager ?? ALERTMANAGER_IMAGE, target.alertmanager?.replicas, meta, {
    configSecret: ALERTMANAGER_CONFIG_SECRET,
    // Mounted at /etc/alertmanager/secrets/<secret>/<key>: where alertmanagerYaml points the secret files.
    secrets: [ALERTMANAGER_SECRET],
    ...(target.alertmanager?.dataRetention ? { retention: target.alertmanager.dataRetention } : {}),
    ...resources(target.alertmanager?.resources),
    ...persistentStorage(target.alertmanager?.storage),
  });
}

/** alertmanager.yaml for the config Secret: the Docker deployment's, reading its secret files from the operator's mount. */
export function alertmanagerYaml(config: AlertmanagerConfig, source: string): string {
  return renderAlertmanagerConfig(withSecretFilesMoved(config, alertmanagerSecretPath), source);
}
