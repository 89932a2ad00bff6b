import { createHash } from 'crypto';
import { BLACKBOX_EXPORTER_IMAGE, BLACKBOX_EXPORTER_PORT } from '../docker/blackbox-exporter-server';
import { imageName } from '../docker/image';
import { KubernetesObject, ObjectMeta } from './objects';
import { NON_ROOT, resources } from './operator-server';
import { KubernetesTarget } from './target';

export const BLACKBOX_EXPORTER_NAME = 'blackbox-exporter';

/** The blackbox exporter: a Deployment reading blackbox.yml from a ConfigMap, and the Service the probes' `blackbox-exporter:9115` names. */
export function blackboxExporterResources(environment: string, target: KubernetesTarget, blackboxYml: string, pings: boolean, meta: (name: string) => ObjectMeta): KubernetesObject[] {
  const image = target.images?.blackboxExporter ?? BLACKBOX_EXPORTER_IMAGE;
  const configHash = createHash('sha256').update(blackboxYml).digest('hex');
  const podLabels = { 'app.kubernetes.io/name': BLACKBOX_EXPORTER_NAME, 'app.kubernetes.io/instance': environment };
  const probe = { httpGet: { path: '/-/healthy', port: 'http' }, periodSeconds: 30, timeoutSeconds: 5 };
  const base = meta(BLACKBOX_EXPORTER_NAME);
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${BLACKBOX_EXPORTER_NAME}-config`),
      data: { 'config.yml': blackboxYml },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: base,
      spec: {
        replicas: target.blackboxExporter?.replicas ?? 1,
        selector: { matchLabels: podLabels },
        template: {
          // A changed blackbox.yml changes the pod template, so the pods restart with it.
          metadata: { labels: { ...base.labels, ...podLabels }, annotations: { 'monitoring-as-code/config-sha256': configHash } },
          spec: {
            securityContext: { ...NON_ROOT, ...(pings ? { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }] } : {}) },
            containers: [
              {
                name: BLACKBOX_EXPORTER_NAME,
                image: imageName(image),
                args: ['--config.file=/etc/blackbox_exporter/config.yml'],
                ports: [{ name: 'http', containerPort: BLACKBOX_EXPORTER_PORT }],
                readinessProbe: probe,
                livenessProbe: probe,
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'config', mountPath: '/etc/blackbox_exporter', readOnly: true }],
                ...resources(target.blackboxExporter?.resources),
              },
            ],
            volumes: [{ name: 'config', configMap: { name: `${BLACKBOX_EXPORTER_NAME}-config` } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: base,
      spec: { selector: podLabels, ports: [{ name: 'http', port: BLACKBOX_EXPORTER_PORT, targetPort: 'http' }] },
    },
  ];
}
