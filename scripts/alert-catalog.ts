/** `npm run docs`: writes docs/alerts.md from a synth of the working tree (test/review/catalog.test.ts fails when it is stale). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../main';
import { asSynthError } from '../lib';
import { readSynthOutput, renderAlertCatalog } from '../lib/review';

export const CATALOG_FILE = path.join(__dirname, '..', 'docs', 'alerts.md');

/** The catalog of what the working tree deploys. */
export function currentCatalog(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
  try {
    buildApp(outdir).app.synth();
    return renderAlertCatalog(readSynthOutput(outdir));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    fs.writeFileSync(CATALOG_FILE, currentCatalog());
    process.stdout.write(`wrote ${path.relative(process.cwd(), CATALOG_FILE)}\n`);
  } catch (error) {
    process.stderr.write(`${asSynthError(error).message}\n`);
    process.exitCode = 1;
  }
}
