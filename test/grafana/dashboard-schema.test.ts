import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { DashboardJson, dashboardFileContent, renderDashboards } from '../../lib';
import { dashboards } from '../../dashboards';
import { deployedPacks } from '../util/grafana';

/**
 * Every dashboard against the Foundation SDK's own JSON Schemas (vendor/):
 * the dashboard model, then each panel's options and custom field config by
 * panel kind, and each query by datasource type (the dashboard schema leaves
 * those untyped).
 */
const dir = path.resolve(__dirname, '../../vendor/foundation-sdk-jsonschema');
// date-time strings (snapshot dates) are not checked: no dashboard here carries one.
const ajv = new Ajv({ allErrors: true, strict: false, formats: { 'date-time': true } });
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.jsonschema.json`), 'utf8'));
const KINDS = ['timeseries', 'stat', 'gauge', 'bargauge', 'barchart', 'heatmap', 'table'];
const dashboardSchema = load('dashboard');
// The one correction: matcher options are typed as an object, but the SDK's own overrideByQuery()
// writes the refId string that Grafana's byFrameRefID matcher reads (as byName reads a name).
dashboardSchema.definitions.MatcherConfig.properties.options = { description: 'string for byFrameRefID/byName, object for others' };
ajv.addSchema(dashboardSchema, 'dashboard');
for (const name of ['prometheus', ...KINDS]) ajv.addSchema(load(name), name);
const compiled = new Map<string, ValidateFunction>();
const validator = (ref: string): ValidateFunction => {
  if (!compiled.has(ref)) compiled.set(ref, ajv.compile({ $ref: ref }));
  return compiled.get(ref)!;
};
const definitionsOf = (kind: string): string[] => Object.keys(load(kind).definitions);

function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
}

// As written to disk: the SDK's objects carry marker functions that JSON leaves out.
const rendered = renderDashboards(dashboards, deployedPacks()).map((d) => JSON.parse(dashboardFileContent(d)) as DashboardJson);

describe('dashboards validate against the Foundation SDK JSON Schemas', () => {
  test('the dashboards use every panel kind this project offers, and only those', () => {
    const kinds = new Set(rendered.flatMap((d) => (d.panels ?? []).map((p) => p.type)).filter((k) => k !== 'row'));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
  });

  test.each(rendered.map((d) => [d.uid!, d] as const))('%s', (_uid, d) => {
    const problems = errorsOf(validator('dashboard#/definitions/Dashboard'), d).map((e) => `dashboard ${e}`);
    for (const p of (d.panels ?? []) as Record<string, any>[]) {
      if (p.type === 'row') continue;
      const where = `panel ${p.id} (${p.type})`;
      expect(KINDS).toContain(p.type);
      const defs = definitionsOf(p.type);
      // Every kind used has its options typed: none is skipped unchecked.
      expect({ kind: p.type, typedOptions: defs.includes('Options') }).toEqual({ kind: p.type, typedOptions: true });
      problems.push(...errorsOf(validator(`${p.type}#/definitions/Options`), p.options ?? {}).map((e) => `${where} options${e}`));
      if (defs.includes('FieldConfig') && p.fieldConfig?.defaults?.custom) {
        problems.push(...errorsOf(validator(`${p.type}#/definitions/FieldConfig`), p.fieldConfig.defaults.custom).map((e) => `${where} custom${e}`));
      }
      for (const t of p.targets ?? []) problems.push(...errorsOf(validator('prometheus#/definitions/Dataquery'), t).map((e) => `${where} query ${t.refId}${e}`));
    }
    expect(problems).toEqual([]);
  });
});
