import { RelabelConfig } from '../prometheus';

/** The operator's relabeling entries: the same fields as prometheus.yml's, in camelCase, which RelabelConfig already is. */
export function relabelings(configs: readonly RelabelConfig[] | undefined): Record<string, unknown>[] {
  return (configs ?? []).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}
