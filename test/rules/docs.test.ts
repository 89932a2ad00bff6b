import * as fs from 'fs';
import * as path from 'path';
import { packAlerts, packName } from '../../lib';
import { local } from '../../stacks/environments';

const docs = path.resolve(__dirname, '../../docs');
const read = (file: string) => fs.readFileSync(path.join(docs, file), 'utf8');

describe.each(local.rulePacks.map((p) => [packName(p), p] as const))('docs of %s', (name, pack) => {
  test('every alert has its runbook section, and its runbook_url points at it', () => {
    const anchors = [...read(`runbooks/${name}.md`).matchAll(/^## (\S+)$/gm)].map((m) => m[1].toLowerCase());
    for (const alert of packAlerts(pack)) {
      expect({ alert: alert.name, url: alert.annotations.runbook_url }).toEqual({ alert: alert.name, url: expect.stringMatching(new RegExp(`/${name}\\.md#${alert.name.toLowerCase()}$`)) });
      expect(anchors).toContain(alert.name.toLowerCase());
    }
  });

  test('every alert appears in the spec coverage table', () => {
    const coverage = read(`spec-coverage/${name}.md`);
    for (const alert of packAlerts(pack)) {
      const mentioned = new RegExp(`\\b${alert.name}\\b`).test(coverage);
      expect({ alert: alert.name, mentioned }).toEqual({ alert: alert.name, mentioned: true });
    }
  });
});
