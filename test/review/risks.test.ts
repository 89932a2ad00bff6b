import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EnvironmentModel, readSynthOutput, renderReviewMarkdown, reviewModels } from '../../lib/review';
import { buildApp } from '../../main';

/** The deployed model once; each case changes a copy the way a commit would. */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-risks-'));
buildApp(outdir).app.synth();
const [deployed] = readSynthOutput(outdir);
fs.rmSync(outdir, { recursive: true, force: true });

const copy = (): EnvironmentModel => JSON.parse(JSON.stringify(deployed)) as EnvironmentModel;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
const review = (change: (env: Mutable<EnvironmentModel>) => void) => {
  const after = copy() as Mutable<EnvironmentModel>;
  change(after);
  return reviewModels([deployed], [after as EnvironmentModel], { base: 'a', head: 'b' });
};
const risks = (r: ReturnType<typeof review>) => r.environments.flatMap((e) => e.risks.map((x) => `${x.kind}: ${x.subject}`));

describe('review risk flags', () => {
  it('the same model is no change in meaning', () => {
    const r = review(() => undefined);
    expect(r.changed).toBe(false);
    expect(renderReviewMarkdown(r)).toBe('## Monitoring review: `a` → `b`\n\n**no change in meaning**\n\n### Environment `local`: no change in meaning\n');
  });

  it('an alert whose receivers no longer page is flagged, and one that reaches a null receiver', () => {
    const r = review((env) => {
      env.routing.CanvascastHighErrorRate = { receivers: ['slack-warnings'], paths: ['root'], pages: false, reachesNoOne: false };
      env.routing.CanvascastQueueBacklog = { receivers: ['blackhole'], paths: ['root'], pages: false, reachesNoOne: true };
    });
    expect(risks(r)).toEqual([
      'stops paging: CanvascastHighErrorRate',
      'loses receiver: CanvascastHighErrorRate',
      'reaches no one: CanvascastQueueBacklog',
      'loses receiver: CanvascastQueueBacklog',
    ]);
    expect(r.summary).toBe('2 alerts rerouted; 1 alert no longer pages; 2 alerts lose a receiver; 1 alert reaches no one');
  });

  it('a threshold raised on > or lowered on < is loosened; the other way is not flagged', () => {
    const lowTraffic = deployed.alerts.find((a) => a.name === 'IkEngineLowTraffic');
    expect(lowTraffic?.thresholds.map((t) => t.op)).toEqual(['<', '>']);
    const r = review((env) => {
      const set = (name: string, values: number[]) => {
        const a = env.alerts.find((x) => x.name === name);
        if (!a) throw new Error(name);
        a.thresholds = a.thresholds.map((t, i) => ({ ...t, value: values[i] }));
      };
      set('IkEngineLowTraffic', [0.1, 0.5]); // < 0.25 → < 0.1: fires later
      set('CanvascastQueueBacklog', [50]); // > 100 → > 50: fires earlier
    });
    expect(risks(r).filter((x) => x.startsWith('threshold'))).toEqual(['threshold loosened: IkEngineLowTraffic']);
    expect(risks(r)).toContain('stale text: CanvascastQueueBacklog');
  });

  it('a lengthened for says how much later detection comes', () => {
    const r = review((env) => {
      const a = env.alerts.find((x) => x.name === 'CanvascastHighErrorRate');
      if (a) a.for = '1h';
    });
    expect(r.environments[0].risks.map((x) => x.text)).toEqual([
      'CanvascastHighErrorRate: `for` lengthened from 5m to 1h: detection 55 min later',
      'CanvascastHighErrorRate: its description still says 5m, the old for (now 1h)',
    ]);
  });

  it('a text that follows the new value is not stale', () => {
    const r = review((env) => {
      const a = env.alerts.find((x) => x.name === 'CanvascastHighErrorRate');
      if (!a) throw new Error('CanvascastHighErrorRate');
      a.thresholds = [{ op: '>', value: 0.2 }];
      a.annotations = { ...a.annotations, description: a.annotations.description.replace('10%', '20%') };
    });
    expect(risks(r)).toEqual(['threshold loosened: CanvascastHighErrorRate']);
  });

  it('a removed alert and a removed probe are flagged', () => {
    const probe = deployed.scrapeJobs.find((j) => j.module)?.name ?? '';
    const r = review((env) => {
      env.alerts = env.alerts.filter((a) => a.name !== 'DubbingGpuOutOfMemory');
      env.scrapeJobs = env.scrapeJobs.filter((j) => j.name !== probe);
    });
    expect(risks(r)).toEqual(['alert removed: DubbingGpuOutOfMemory', `probe removed: ${probe}`]);
    expect(r.environments[0].changes.map((c) => `${c.kind} ${c.name} ${c.change}`)).toEqual(['alert DubbingGpuOutOfMemory removed', `probe ${probe} removed`]);
  });

  it('a recording rule removed while alerts and panels still read it is flagged with every reader', () => {
    const name = 'job:job_queue_depth:max';
    const r = review((env) => {
      env.recordingRules = env.recordingRules.filter((x) => x.name !== name);
    });
    const [risk] = r.environments[0].risks;
    expect(risk.kind).toBe('reads removed recording rule');
    expect(risk.text).toContain('alert CanvascastQueueBacklog');
    expect(risk.text).toMatch(/panel "[^"]+" of dashboard canvascast-overview/);
  });

  it('images, blackbox modules and scrape intervals are compared field by field', () => {
    const r = review((env) => {
      env.images['prom/prometheus'] = 'v2.43.0';
      const module = Object.keys(env.modules)[0];
      env.modules[module] = { ...(env.modules[module] as object), timeout: '9s' };
      const job = env.scrapeJobs.find((j) => !j.module);
      if (job) job.interval = '1m';
    });
    const md = renderReviewMarkdown(r);
    expect(md).toContain('- image **prom/prometheus**: changed\n  - version: `v2.42.0` → `v2.43.0`');
    expect(md).toMatch(/- blackbox module \*\*\w+\*\*: changed\n {2}- timeout: `"\d+s"` → `"9s"`/);
    expect(md).toMatch(/- scrape job \*\*ik-engine\*\*: changed\n {2}- interval: `15s` → `1m`/);
  });
});
