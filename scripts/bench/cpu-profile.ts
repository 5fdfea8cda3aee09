import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Where a module's time goes, by package (or our own workspace) and by function: self time from a .cpuprofile. */
export async function summariseProfile(file: string, top = 25): Promise<string> {
  const profile = JSON.parse(await readFile(file, "utf8")) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  const total = profile.samples.length;
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, total);
  const where = (url: string) => {
    if (!url) return "(node / V8)";
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1]!;
    const own = /\/(api|core|graph-simulator|scripts)\/src\/|\/(api|core)\//.exec(url);
    if (own) return `tandem ${own[1] ?? own[2]}`;
    return url.startsWith("node:") ? url : "(other)";
  };
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const place = n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : where(n.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
    const file = n.callFrame.url.replace(/^.*\/(node_modules|wt-[^/]+|main)\//, "");
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const lines = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `${total} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s (${perSample.toFixed(2)} ms each); self time by place:`,
    ...lines(byPlace, 15),
    "by function:",
    ...lines(byFunction, top),
  ].join("\n");
}
