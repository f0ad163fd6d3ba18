// Mozilla Readability.js (run with jsdom, as its README does for Node) beside
// `reprint extract`, on the same pages, in one run. Prints MB/s of HTML on one
// core for each and their ratio.
//
//   cd bench/readability && npm install && \
//     node run.mjs [--reprint ../../build/release/apps/cli/reprint] [--pages DIR] [--reps N]
//
// Readability: per page, new JSDOM(html, {url}) then new Readability(doc).parse(),
// timed in-process (file reading excluded), best of --reps passes.
// reprint: `reprint extract -q --threads 1 -o /dev/null PAGE...` as a child
// process, wall time of the whole process (start-up and reading included),
// best of --reps runs.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
function flag(name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
}
const pagesDir = resolve(flag("--pages", join(here, "../../../shared/data/extraction/readability-test-pages")));
const reprint = resolve(flag("--reprint", join(here, "../../build/release/apps/cli/reprint")));
const reps = Number(flag("--reps", "3"));

const files = readdirSync(pagesDir)
  .sort()
  .map((d) => join(pagesDir, d, "source.html"))
  .filter((f) => existsSync(f));
const pages = files.map((f) => readFileSync(f, "utf8"));
const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
const mb = bytes / 1e6;
console.log(`${files.length} pages, ${mb.toFixed(1)} MB of HTML (${pagesDir})`);

// Readability.js + jsdom.
const quiet = new VirtualConsole();  // pages' console output and CSS errors are noise
let best = Infinity;
let extracted = 0;
for (let r = 0; r < reps; ++r) {
  extracted = 0;
  const t0 = process.hrtime.bigint();
  for (const html of pages) {
    const dom = new JSDOM(html, { url: "http://fakehost/test/page.html", virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    if (article && article.textContent) extracted += 1;
    dom.window.close();
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  best = Math.min(best, s);
  console.log(`  readability.js pass ${r + 1}: ${s.toFixed(2)} s`);
}
const readabilityRate = mb / best;
console.log(`Readability.js ${process.versions.node ? "(node " + process.version + ")" : ""}: ` +
            `${readabilityRate.toFixed(2)} MB/s (best ${best.toFixed(2)} s; article found on ${extracted}/${files.length})`);

// reprint extract, one thread.
if (!existsSync(reprint)) {
  console.log(`reprint binary not found at ${reprint}; pass --reprint PATH`);
  process.exit(1);
}
let bestReprint = Infinity;
for (let r = 0; r < reps; ++r) {
  const t0 = process.hrtime.bigint();
  execFileSync(reprint, ["extract", "-q", "--threads", "1", "-o", "/dev/null", ...files], { stdio: "inherit" });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  bestReprint = Math.min(bestReprint, s);
  console.log(`  reprint extract run ${r + 1}: ${s.toFixed(2)} s`);
}
const reprintRate = mb / bestReprint;
console.log(`reprint extract --threads 1: ${reprintRate.toFixed(2)} MB/s (best ${bestReprint.toFixed(2)} s)`);
console.log(`ratio reprint / Readability.js: ${(reprintRate / readabilityRate).toFixed(1)}x`);
