import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../config";
import { synthesize } from "../../stacks/synthesize";
import { tempDir } from "../support";
import { releasesOf, renderReleases } from "../support/helm-render";

it("scratch", async () => {
  const dir = tempDir();
  synthesize({ environments: selectEnvironments(undefined), outdir: path.join(dir, "cdktf.out"), reviewDir: path.join(dir, "out") });
  const results = await renderReleases(releasesOf(path.join(dir, "cdktf.out")));
  for (const r of results) fs.writeFileSync(`/tmp/i14/r-${r.release.env.name}-${String(r.release.resource.name)}.json`, JSON.stringify(r.objects, null, 1));
  console.log(results.filter((r) => r.error).map((r) => r.error).join("\n"));
}, 120000);
