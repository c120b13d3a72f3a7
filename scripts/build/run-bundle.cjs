// Runs a CommonJS bundle the way `node <bundle>` would, with a V8 code cache beside it (`<bundle>.v8cache`),
// so a run after the first skips compiling the 5 MB bundle's functions again. Node 22 has this built in
// (`module.enableCompileCache`); node 20 does not. The cache's header holds the CRC-32 of the bundle it was made
// from and of its own payload, and V8 checks its version and flags: a rebuilt bundle, a damaged cache file or
// another node simply recompiles and rewrites the cache.
// Only the cache file is written here; what the bundle writes does not depend on it.
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");
const zlib = require("node:zlib");

/** Header: CRC-32 of the bundle source, CRC-32 of the payload (V8's cached data). */
const HEADER_BYTES = 8;

/** The cached data for a bundle with CRC `crc`, or undefined when there is none or it is not intact. */
function readCache(file, crc) {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length <= HEADER_BYTES || data.readUInt32LE(0) !== crc) return undefined;
  const payload = data.subarray(HEADER_BYTES);
  return zlib.crc32(payload) === data.readUInt32LE(4) ? payload : undefined;
}

function writeCache(file, crc, cachedData) {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(crc, 0);
  header.writeUInt32LE(zlib.crc32(cachedData), 4);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([header, cachedData]));
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true }); // a read-only checkout runs without a cache
  }
}

/** Runs `file` as the main CommonJS module (`require`, `module`, `__filename`, `__dirname` as node gives them). */
function runBundle(file) {
  const source = fs.readFileSync(file);
  const crc = zlib.crc32(source);
  const cacheFile = `${file}.v8cache`;
  const cachedData = readCache(cacheFile, crc);
  const script = new vm.Script(Module.wrap(source.toString("utf8")), { filename: file, cachedData });
  const bundleModule = { exports: {}, filename: file, id: ".", loaded: false };
  const bundleRequire = Module.createRequire(file);
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, file, path.dirname(file));
  bundleModule.loaded = true;
  // After the run, the cache also holds the functions compiled lazily while synthesizing.
  if (cachedData === undefined || script.cachedDataRejected) writeCache(cacheFile, crc, script.createCachedData());
}

module.exports = { runBundle };

// `node scripts/build/run-bundle.cjs <bundle>`: what scripts/synth.cjs does after the build (tests run a private bundle so).
if (require.main === module) {
  if (process.argv[2] === undefined) throw new Error("usage: run-bundle.cjs <bundle.js>");
  runBundle(path.resolve(process.argv[2]));
}
