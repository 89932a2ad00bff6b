// Parses every ```mermaid block of the markdown on stdin with the mermaid
// package itself (under jsdom: its sanitizer needs a DOM) and prints each
// diagram's vertices and edges as JSON; a parse error exits 1 with its message.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'fs';

const dom = new JSDOM('');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

const ENTITIES = { quot: '"', lt: '<', gt: '>', amp: '&' };
// The flowchart db keeps entity codes in its own placeholders until drawing; read them back as characters.
const decode = (text) =>
  text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => ENTITIES[name] ?? `&${name};`)
    .replace(/<br\s*\/?>/g, '\n');

const markdown = readFileSync(0, 'utf8');
const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
const diagrams = [];
try {
  for (const text of blocks) {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    diagrams.push({
      type: diagram.type,
      vertices: [...diagram.db.getVertices().values()].map((v) => ({ id: v.id, text: decode(v.text ?? '') })),
      edges: diagram.db.getEdges().map((e) => ({ start: e.start, end: e.end, text: decode(e.text ?? ''), stroke: e.stroke })),
    });
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(diagrams));
