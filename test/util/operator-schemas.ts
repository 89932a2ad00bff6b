import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { KubernetesObject } from '../../lib/kubernetes';

const DIR = path.join(__dirname, '../fixtures/prometheus-operator');

/** The vendored CRD schema file of each operator kind (test/fixtures/prometheus-operator/SOURCE.md). */
const SCHEMA_FILES: Record<string, string> = {
  'monitoring.coreos.com/v1 Prometheus': 'prometheuses.v1.schema.json',
  'monitoring.coreos.com/v1 Alertmanager': 'alertmanagers.v1.schema.json',
  'monitoring.coreos.com/v1 PrometheusRule': 'prometheusrules.v1.schema.json',
  'monitoring.coreos.com/v1 ServiceMonitor': 'servicemonitors.v1.schema.json',
  'monitoring.coreos.com/v1 Probe': 'probes.v1.schema.json',
  'monitoring.coreos.com/v1alpha1 ScrapeConfig': 'scrapeconfigs.v1alpha1.schema.json',
};

/**
 * The API server drops fields a CRD does not declare, silently: a misspelled field (`forr`,
 * snake_case `source_labels`) would be accepted and mean nothing. Every object schema with
 * declared properties is closed here, so such a field fails the test instead.
 */
function closed(schema: unknown, branch = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, branch));
  if (!schema || typeof schema !== 'object') return schema;
  const s = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => {
      // Values (defaults, examples, enums) are data, not schemas.
      if (VALUE_KEYWORDS.has(k)) return [k, v];
      if (k === 'properties') return [k, Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, closed(ps)]))];
      // A branch of anyOf/oneOf/allOf constrains part of an object: closing it would refuse the other branches' fields.
      return [k, closed(v, JUNCTIONS.has(k))];
    }),
  );
  const open = branch || s['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in s;
  return s.properties && !open ? { ...s, additionalProperties: false } : s;
}

const VALUE_KEYWORDS = new Set(['default', 'example', 'enum', 'const', 'x-kubernetes-validations']);
const JUNCTIONS = new Set(['anyOf', 'oneOf', 'allOf']);

// Go's RE2 `(?i)` flag, which JavaScript patterns lack: as the `i` flag (three patterns use it).
const goRegExp = Object.assign((pattern: string, flags: string) => (pattern.includes('(?i)') ? new RegExp(pattern.split('(?i)').join(''), `${flags}i`) : new RegExp(pattern, flags)), { code: 'new RegExp' });

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Whether the object is an operator resource this project has a vendored schema for. */
export const hasOperatorSchema = (o: KubernetesObject): boolean => `${o.apiVersion} ${o.kind}` in SCHEMA_FILES;

/**
 * What the operator's CRD schema says is wrong with `o` (an empty list when it is valid). The CRD
 * schema is of the whole object; metadata is the API server's to check, and the schemas leave it open.
 */
export function operatorSchemaErrors(o: KubernetesObject): string[] {
  const key = `${o.apiVersion} ${o.kind}`;
  const file = SCHEMA_FILES[key];
  if (!file) throw new Error(`no vendored schema for ${key}`);
  // Kubernetes' vendor keywords are annotations to ajv; formats int32/int64 are the API server's.
  ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });
  let validate = compiled.get(key);
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
    validate = ajv.compile(closed(schema) as object);
    compiled.set(key, validate);
  }
  if (validate(JSON.parse(JSON.stringify(o)))) return [];
  return (validate.errors ?? []).map((e) => `${o.kind}/${o.metadata.name}${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
}
