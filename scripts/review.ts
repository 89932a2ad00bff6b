/** `npm run review -- <base> [<head>]`: what a change means for what gets deployed (see README, "Reviewing a change"). */
import { runReview } from '../lib/review/cli';

void runReview(process.argv.slice(2), process.cwd(), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => {
  process.exitCode = code;
});
