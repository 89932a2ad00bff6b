import { EnvironmentReview, FieldChange, ObjectChange, ObjectKind, Review } from './diff';

const SECTIONS: { title: string; kinds: readonly ObjectKind[] }[] = [
  { title: 'Alerts', kinds: ['alert'] },
  { title: 'Recording rules', kinds: ['recording rule'] },
  { title: 'Routing', kinds: ['routing', 'inhibition', 'receiver'] },
  { title: 'Probes and scrape jobs', kinds: ['probe', 'blackbox module', 'scrape job'] },
  { title: 'Dashboards', kinds: ['dashboard'] },
  { title: 'Container images', kinds: ['image'] },
];

/** Values longer than this are shown as a diff block rather than inline. */
const INLINE_LIMIT = 60;

/** The review as a pull-request comment: the summary line first, then each environment. */
export function renderReviewMarkdown(review: Review): string {
  const lines = [`## Monitoring review: \`${review.base}\` → \`${review.head}\``, '', `**${review.summary}**`, ''];
  for (const env of review.environments) lines.push(...environmentSection(env, review.pictures ?? {}));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function environmentSection(env: EnvironmentReview, pictures: Readonly<Record<string, string>>): string[] {
  if (env.change === 'unchanged') return [`### Environment \`${env.environment}\`: no change in meaning`, ''];
  const lines = [`### Environment \`${env.environment}\`${env.change === 'changed' ? '' : `: ${env.change}`}`, ''];
  if (env.risks.length) {
    lines.push('**Risks**', '', ...env.risks.map((r) => `- ⚠️ ${r.text}`), '');
  }
  for (const section of SECTIONS) {
    const changes = env.changes.filter((c) => section.kinds.includes(c.kind));
    if (!changes.length) continue;
    lines.push(`#### ${section.title}`, '', ...changes.flatMap((c) => [...objectChange(c), ...(c.kind === 'dashboard' && pictures[c.name] ? [`  - picture (head, from the local stack): ![${c.name}](${pictures[c.name]})`] : [])]), '');
  }
  return lines;
}

function objectChange(c: ObjectChange): string[] {
  const what = c.kind === 'alert' || c.kind === 'routing' || c.kind === 'inhibition' ? '' : `${c.kind} `;
  const head = `- ${what}**${c.name}**${c.context ? ` (${c.context})` : ''}: ${c.change}`;
  return [head, ...c.fields.flatMap((f) => fieldLines(f, c.change))];
}

function fieldLines(f: FieldChange, change: ObjectChange['change']): string[] {
  const long = [f.before, f.after].some((v) => v !== undefined && (v.length > INLINE_LIMIT || v.includes('\n')));
  if (change === 'added') return long ? [`  - ${f.field}:`, ...block('text', (f.after ?? '').split('\n'))] : [`  - ${f.field}: ${code(f.after)}`];
  if (!long) return [`  - ${f.field}: ${code(f.before)} → ${code(f.after)}`];
  const minus = f.before === undefined ? [] : f.before.split('\n').map((l) => `- ${l}`);
  const plus = f.after === undefined ? [] : f.after.split('\n').map((l) => `+ ${l}`);
  return [`  - ${f.field}:`, ...block('diff', [...minus, ...plus])];
}

function block(language: string, lines: readonly string[]): string[] {
  const fence = lines.some((l) => l.includes('```')) ? '~~~~' : '```';
  return [`    ${fence}${language}`, ...lines.map((l) => `    ${l}`), `    ${fence}`];
}

function code(value: string | undefined): string {
  if (value === undefined) return '(none)';
  if (value === '') return '(empty)';
  const ticks = value.includes('`') ? '``' : '`';
  return `${ticks}${value}${ticks}`;
}
