// check.mjs - parse Mermaid journey diagrams with Mermaid itself and print
// what it understood, one JSON object per file:
//   {"title": ..., "sections": [...], "tasks": [{section, task, score, people}]}
// Exits 1 (with Mermaid's message) when a file does not parse.  Mermaid
// wants a DOM even to parse, so jsdom provides one; nothing is rendered.
// Used by tests/cli/export.sh; dependencies pinned in package-lock.json.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let status = 0;
for (const file of process.argv.slice(2)) {
	const text = readFileSync(file, 'utf8');
	try {
		await mermaid.parse(text);
		const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
		const db = diagram.db;
		console.log(JSON.stringify({
			file,
			title: db.getDiagramTitle(),
			sections: db.getSections(),
			tasks: db.getTasks().map((t) => ({
				section: t.section, task: t.task, score: t.score,
				people: t.people,
			})),
		}));
	} catch (e) {
		console.error(`${file}: Mermaid cannot parse it: ${e.message}`);
		status = 1;
	}
}
process.exit(status);
