// Runs a CommonJS bundle the way `node <bundle>` would, with a V8 code cache beside it (`<bundle>.v8cache`),
// so a run after the first skips compiling the 5 MB bundle's functions again. Node 22 has this built in
// (`module.enableCompileCache`); node 20 does not. The cache is keyed by the bundle's CRC-32 and V8 checks
// its own version and flags, so a rebuilt bundle or another node simply recompiles and rewrites the cache.
// Only the cache file is written here; what the bundle writes does not depend on it.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

const HEADER_BYTES = 8;

function readCache(file, crc) {
  try {
    const data = fs.readFileSync(file);
    return data.length > HEADER_BYTES && data.readUInt32LE(0) === crc ? data.subarray(HEADER_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file, crc, cachedData) {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(crc, 0);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([header, cachedData]));
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true }); // a read-only checkout runs without a cache
  }
}

/** Runs `file` as the main CommonJS module (`require`, `module`, `__filename`, `__dirname` as node gives them). */
export function runBundle(file) {
  const source = fs.readFileSync(file);
  const crc = zlib.crc32(source);
  const cacheFile = `${file}.v8cache`;
  const cachedData = readCache(cacheFile, crc);
  const script = new vm.Script(Module.wrap(source.toString("utf8")), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: ".", loaded: false };
  const require = createRequire(file);
  script.runInThisContext().call(module.exports, module.exports, require, module, file, path.dirname(file));
  module.loaded = true;
  // After the run, the cache also holds the functions compiled lazily while synthesizing.
  if (cachedData === undefined || script.cachedDataRejected) writeCache(cacheFile, crc, script.createCachedData());
}

// `node scripts/build/run-bundle.mjs <bundle>`: what scripts/synth.mjs does after the build (tests run a private bundle so).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === undefined) throw new Error("usage: run-bundle.mjs <bundle.js>");
  runBundle(path.resolve(process.argv[2]));
}
