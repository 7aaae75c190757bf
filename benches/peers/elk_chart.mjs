// Eclipse ELK's layered layout (elkjs) of a chart's tree, and the SVG of it:
// the peer of `gridorg chart` in benches/peers/run.sh.
//
//   node elk_chart.mjs chart.json out.svg
//
// chart.json is written by `cargo run --release --example peer_inputs`.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ELK = require("elkjs/lib/elk.bundled.js");

const [input, output] = process.argv.slice(2);
const graph = JSON.parse(readFileSync(input, "utf8"));
graph.layoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "40",
  "elk.spacing.nodeNode": "12",
};
const laid = await new ELK().layout(graph);
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${laid.width}" height="${laid.height}" font-family="Noto Sans SC" font-size="11">`,
];
for (const edge of laid.edges ?? []) {
  for (const s of edge.sections ?? []) {
    const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
    parts.push(
      `<polyline fill="none" stroke="#666" points="${points.map((p) => `${p.x},${p.y}`).join(" ")}"/>`,
    );
  }
}
for (const n of laid.children ?? []) {
  parts.push(
    `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" fill="#fdecea" stroke="#c00"/>`,
    `<text x="${n.x + 8}" y="${n.y + 20}">${escape(n.labels?.[0]?.text ?? "")}</text>`,
  );
}
parts.push("</svg>\n");
writeFileSync(output, parts.join("\n"));
