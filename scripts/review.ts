/** `npm run review -- <base> [<head>]`: what a change means for what gets deployed (see README, "Reviewing a change"). */
import * as path from 'path';
import { runReview } from '../lib/review/cli';
import { DEFAULT_LOCAL_PORTS } from '../lib/local';

/** With `npm start` running, the changed dashboards drawn from its Prometheus into .local/review/. */
async function pictures(uids: readonly string[], headOutdir: string): Promise<Record<string, string>> {
  const prometheus = `http://127.0.0.1:${DEFAULT_LOCAL_PORTS.prometheus}`;
  const up = await fetch(`${prometheus}/-/ready`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
  if (!up) return {};
  // Loaded only to draw: the charting library and the rasterizer are most of the review's start-up otherwise.
  const { drawDashboards, prometheusRangeQuery } = await import('../demo/preview');
  const out = path.resolve('.local', 'review');
  const written = await drawDashboards(path.join(headOutdir, 'stacks'), uids, prometheusRangeQuery(prometheus), out);
  return Object.fromEntries(Object.entries(written).map(([uid, file]) => [uid, path.relative(process.cwd(), file)]));
}

/**
 * The command, run by scripts/review.js compiled ahead; resolves to the exit code. `bundle` names the build
 * (`main-<hash>.js`): kept commits' models are read again only by the code that read them.
 */
export function main(argv: readonly string[], bundle?: string): Promise<number> {
  return runReview(argv, process.cwd(), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, pictures, bundle && path.basename(bundle, '.js'));
}
