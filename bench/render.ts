/**
 * `npm run bench:plots`: redraws the plots (`bench/plots/*.svg`) and rewrites `bench/RESULTS.md`
 * and `bench/README.section.md` from the stored data in `bench/results/`, without running a
 * benchmark (`npm run bench` does the same after its scenarios). `--out <dir>/RESULTS.md` works
 * on the data of another results directory (`<dir>/results/`).
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { publishResults } from "./lib/publish.js";

const { values } = parseArgs({
  options: { out: { type: "string", default: fileURLToPath(new URL("./RESULTS.md", import.meta.url)) } },
  strict: true,
});
const written = await publishResults(values.out);
console.log(`wrote ${written.join(", ")}`);
