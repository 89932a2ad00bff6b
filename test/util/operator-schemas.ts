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

/** Kubernetes 1.35's schemas of the built-in kinds the stack writes (test/fixtures/kubernetes/SOURCE.md), by `apiVersion kind`. */
const CORE = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/kubernetes/core-kinds.schema.json'), 'utf8')) as { kinds: Record<string, string>; components: object };

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Whether the object is an operator resource this project has a vendored CRD schema for. */
export const hasOperatorSchema = (o: KubernetesObject): boolean => `${o.apiVersion} ${o.kind}` in SCHEMA_FILES;

/** Whether there is a vendored schema for the object at all: an operator resource or one of the built-in kinds. */
export const hasSchema = (o: KubernetesObject): boolean => hasOperatorSchema(o) || `${o.apiVersion} ${o.kind}` in CORE.kinds;

function validator(key: string): ValidateFunction {
  // Kubernetes' vendor keywords are annotations to ajv; formats (int32, int-or-string) are the API server's.
  ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } }).addSchema(closed({ components: CORE.components }) as object, 'k8s');
  let validate = compiled.get(key);
  if (!validate) {
    const file = SCHEMA_FILES[key];
    const core = CORE.kinds[key];
    if (!file && !core) throw new Error(`no vendored schema for ${key}`);
    validate = ajv.compile(file ? (closed(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))) as object) : { $ref: `k8s#/components/schemas/${core}` });
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * What the vendored schema says is wrong with `o` (an empty list when it is valid): the operator's CRD
 * schema for its resources (which leaves metadata to the API server), Kubernetes' own for the built-in
 * kinds (metadata included). Unknown fields are refused in both.
 */
export function operatorSchemaErrors(o: KubernetesObject): string[] {
  const validate = validator(`${o.apiVersion} ${o.kind}`);
  if (validate(JSON.parse(JSON.stringify(o)))) return [];
  return (validate.errors ?? []).map((e) => `${o.kind}/${o.metadata.name}${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
}
