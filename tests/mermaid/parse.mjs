// Parse Mermaid files with the real Mermaid parser (the pinned `mermaid` package) under node.
//
//   node tests/mermaid/parse.mjs FILE...
//
// Prints one JSON line per file, {"file": F, "ok": true, "type": "flowchart-v2"} or
// {"file": F, "ok": false, "error": "..."}, and exits 1 if any file is refused. Mermaid runs
// with its default configuration; a jsdom window stands in for the browser's (DOMPurify,
// which Mermaid sanitises labels with, needs one). Two checks, as a browser makes them:
// - `mermaid.render` first compares the text's length (JavaScript's: UTF-16 code units)
//   with `maxTextSize` (50,000) and draws "Maximum text size in diagram exceeded" instead of
//   a longer diagram; it measures the text without its `%%{init}%%` directive and comments,
//   this script the whole file, as the project's writer does (so never more leniently);
// - `mermaid.parse` then parses it (and refuses more than `maxEdges` edges, 500).
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!DOCTYPE html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
globalThis.DOMParser = window.DOMParser;
globalThis.Element = window.Element;
globalThis.HTMLElement = window.HTMLElement;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const { maxTextSize } = mermaid.mermaidAPI.getConfig();

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    if (text.length > maxTextSize) {
      throw new Error(
        `Maximum text size in diagram exceeded: ${text.length} > maxTextSize ${maxTextSize}`,
      );
    }
    const result = await mermaid.parse(text);
    console.log(JSON.stringify({ file, ok: true, type: result.diagramType }));
  } catch (error) {
    failed += 1;
    const message = String(error?.message ?? error).split("\n").slice(0, 4).join("\n");
    console.log(JSON.stringify({ file, ok: false, error: message }));
  }
}
process.exit(failed ? 1 : 0);
