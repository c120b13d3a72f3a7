"use strict";
// Bundled in place of cdktf 0.21.0's lib/tokens/private/stack-trace.js (see scripts/build/build.cjs).
//
// cdktf records where every token was created (`creationStack`, used only in the text of resolution errors):
// each Intrinsic, Lazy, reference and dynamic block captures the full stack and formats it into strings at
// once. Formatting is most of the cost — V8 turns every frame into text — and a synth of all environments
// creates tens of thousands of tokens, so it took about 0.1 s of every run for text no one reads unless an
// error occurs. This version captures the same full stack at the same point, but formats it on first use:
// the result behaves as the same array of frames (`join`, `length`, indexing, iteration, `Array.isArray`).
Object.defineProperty(exports, "__esModule", { value: true });
exports.captureStackTrace = captureStackTrace;

/** Captures a complete stack trace at the point of invocation; formatted when first read. */
function captureStackTrace(below) {
  below = below || captureStackTrace; // hide this function if nothing else
  const object = { stack: "" };
  const previousLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(object, below);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  let frames;
  const formatted = () => {
    if (frames === undefined) {
      frames = object.stack
        ? object.stack
            .split("\n")
            .slice(1)
            .map((s) => s.replace(/^\s*at\s+/, ""))
        : [];
    }
    return frames;
  };
  return new Proxy([], {
    get: (_target, key) => Reflect.get(formatted(), key),
    has: (_target, key) => Reflect.has(formatted(), key),
    ownKeys: () => Reflect.ownKeys(formatted()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(formatted(), key);
      // The proxy's target is an empty array whose `length` cannot be reconfigured; report it as such.
      return key === "length" && descriptor ? { ...descriptor, configurable: false } : descriptor;
    },
    set: (_target, key, value) => Reflect.set(formatted(), key, value),
  });
}
