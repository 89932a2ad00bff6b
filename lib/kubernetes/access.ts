import { KubernetesObject, ObjectMeta } from './objects';

/**
 * Prometheus' identity and what it may read: Services, Endpoints and Pods of the namespaces its
 * ServiceMonitors name (a Role per namespace), so service discovery is allowed exactly there.
 */
export function prometheusAccess(name: string, namespaces: readonly string[], meta: (name: string) => ObjectMeta): KubernetesObject[] {
  const account = meta(name);
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: account },
    ...namespaces.flatMap((ns) => {
      const m = { ...meta(name), namespace: ns };
      return [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: m,
          rules: [
            { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
            { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
          ],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: m,
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
          subjects: [{ kind: 'ServiceAccount', name, namespace: account.namespace }],
        },
      ] as KubernetesObject[];
    }),
  ];
}
