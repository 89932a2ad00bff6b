/**
 * Every secret file a config reads: the values of its `*File` settings
 * (`passwordFile`, `routingKeyFile`, `apiUrlFile`, `credentialsFile`…),
 * sorted and without repeats. The deploy stack fills each from a sensitive
 * variable, so a file the config names cannot be forgotten.
 */
export function secretFilesOf(config: object): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (/File$/.test(key) && typeof v === 'string') found.add(v);
        else visit(v);
      }
    }
  };
  visit(config);
  return [...found].sort();
}

/**
 * The sensitive variable that fills a secret file: `<prefix>_<file name>` with every other
 * character an underscore (`alertmanager_secret_slack_webhook_url`). The Docker and the Kubernetes
 * deployments name them alike, so one set of `TF_VAR_…` exports serves both.
 */
export function secretVariableName(prefix: string, file: string): string {
  return `${prefix}_${file.split('/').pop()!.replace(/[^A-Za-z0-9]/g, '_')}`;
}
