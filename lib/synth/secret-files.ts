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
