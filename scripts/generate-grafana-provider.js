#!/usr/bin/env node
/**
 * Generates the typed cdktf bindings of the grafana/grafana Terraform provider
 * into lib/grafana/provider/, the way `cdktf get` would, but offline: no
 * package of them is published, and this machine has no terraform. Input is
 * the provider's own `terraform providers schema -json` output (v4.45.1),
 * cut to the resources this project uses. Deterministic: the test
 * test/grafana/provider.test.ts regenerates and compares.
 *
 *   node scripts/generate-grafana-provider.js [outdir] [schema.json]
 */
const fs = require('fs');
const path = require('path');
const { TerraformProviderGenerator, CodeMaker } = require('@cdktf/provider-generator');
const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require('@cdktf/commons');

const FQPN = 'registry.terraform.io/grafana/grafana';
const VERSION = '4.45.1';
/** The provider releases the bindings are written for: the schema's minor and later 4.x. */
const CONSTRAINT = '~> 4.45';
/** Only what the Grafana stack declares: each resource costs load time and thousands of lines. */
const RESOURCES = ['grafana_folder', 'grafana_data_source', 'grafana_dashboard'];

const root = path.join(__dirname, '..');
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'lib/grafana/provider'));
const schemaFile = path.resolve(process.argv[3] ?? path.join(root, 'vendor/grafana-provider-schema.json'));

async function main() {
  const full = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  const provider = full.provider_schemas[FQPN];
  if (!provider) throw new Error(`${schemaFile} has no schema for ${FQPN}`);
  const missing = RESOURCES.filter((r) => !provider.resource_schemas[r]);
  if (missing.length) throw new Error(`${schemaFile} lacks ${missing.join(', ')}`);
  const schema = {
    format_version: full.format_version,
    provider_versions: { [FQPN]: VERSION },
    provider_schemas: {
      [FQPN]: { provider: provider.provider, resource_schemas: Object.fromEntries(RESOURCES.map((r) => [r, provider.resource_schemas[r]])), data_source_schemas: {} },
    },
  };
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint(`grafana/grafana@${CONSTRAINT}`), LANGUAGES[0]));
  const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'grafana-provider-'));
  await generator.save(tmp);
  // The generator writes <tmp>/providers/grafana/…; the bindings live flat under outdir.
  const generated = path.join(tmp, 'providers', 'grafana');
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.cpSync(fs.existsSync(generated) ? generated : tmp, outdir, { recursive: true });
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(`grafana/grafana ${VERSION} (${CONSTRAINT}): ${RESOURCES.join(', ')} → ${path.relative(process.cwd(), outdir) || '.'}\n`);
}

main().catch((error) => {
  process.stderr.write(`generate-grafana-provider: ${error.message}\n`);
  process.exit(1);
});
