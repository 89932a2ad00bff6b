import * as fs from 'fs';
import { inWords } from '../../lib/review';
import { CATALOG_FILE, currentCatalog } from '../../scripts/alert-catalog';
import { stackFiles } from '../util/fixtures';

const catalog = currentCatalog();
const entry = (alert: string) => {
  const start = catalog.indexOf(`### ${alert}\n`);
  if (start < 0) throw new Error(`${alert} is not in the catalog`);
  const end = catalog.indexOf('\n### ', start + 1);
  return catalog.slice(start, end < 0 ? undefined : end);
};

describe('docs/alerts.md', () => {
  it('is the catalog of what the working tree deploys', () => {
    const committed = fs.existsSync(CATALOG_FILE) ? fs.readFileSync(CATALOG_FILE, 'utf8') : '';
    if (committed !== catalog) throw new Error('docs/alerts.md is stale: run `npm run docs` and commit the result');
  });

  it('lists every alert once, with the receivers routing.md gives it', () => {
    const rows = (stackFiles().get('alertmanager/routing.md') ?? '').split('\n').filter((l) => /^\| [A-Z]\w+ \|/.test(l));
    expect(rows.length).toBeGreaterThan(90);
    for (const row of rows) {
      const [name, , , receivers] = row.split('|').slice(1).map((c) => c.trim());
      expect(catalog.split('\n').filter((l) => l === `### ${name}`)).toHaveLength(1);
      // Said once when every environment agrees, else local's first (with those that agree with it).
      expect(entry(name)).toMatch(new RegExp(`- \\*\\*Reaches\\*\\*: (local(, [a-z0-9-]+)*: )?${receivers.replace(/[-]/g, '\\-')}( \\(pages\\))?(;|\\n)`));
    }
  });

  it('gives an alert its severity, condition, PromQL, for, links and generated cases', () => {
    expect(entry('CanvascastHighErrorRate')).toBe(
      [
        '### CanvascastHighErrorRate',
        '',
        '**critical** · High API error rate',
        '',
        '- **When**: _x %_ of requests to _job_ fail with 5xx (threshold 10%) for 5m.',
        '- **PromQL**: `job:http_requests_5xx_per_requests:ratio_rate5m{job="canvascast-api"} > 0.1`',
        '- **Recording rules read**: `job:http_requests_5xx_per_requests:ratio_rate5m`',
        '- **For**: 5m',
        // Staging pages nobody: its critical goes to the staging channel. Environments that agree are named together.
        '- **Reaches**: local, production, production-k8s: canvascast-critical (pages); staging: staging-critical',
        '- **Can be silenced by**: CanvascastApiDown',
        '- **Runbook**: <https://git.example.com/observability/monitoring-as-code/-/blob/main/docs/runbooks/canvascast.md#canvascasthigherrorrate> · **Dashboard**: <http://127.0.0.1:3000/d/canvascast-overview?viewPanel=10>',
        '- **Tested** (generated promtool cases):',
        '  - CanvascastHighErrorRate fires past > 0.1 held for 5m: fires at 12m, silent at 4m',
        '  - CanvascastHighErrorRate stays quiet just short of > 0.1: silent at 12m',
        '',
      ].join('\n'),
    );
  });

  it('says which service-down alert silences which: the worker\'s consequences by the worker, the API\'s by the API', () => {
    expect(entry('CanvascastQueueBacklog')).toContain('- **Can be silenced by**: CanvascastWorkerDown\n');
    expect(entry('CanvascastSlowResponses')).toContain('- **Can be silenced by**: CanvascastApiDown\n');
    expect(entry('CanvascastApiDown')).toContain('- **Can be silenced by**: nothing\n');
  });

  it('writes template values as words', () => {
    expect(inWords('{{ $value | humanizePercentage }} of {{ $labels.job }} for {{ $value | humanizeDuration }}; {{ if .X }}')).toBe('_x %_ of _job_ for _x s_; …');
  });
});
