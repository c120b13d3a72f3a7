import { Testing } from "cdktf";

// cdktf formats every token's creation stack when the token is made (text shown only in resolution errors); under jest
// each frame goes through jest's source-map support, so that text cost about a quarter of a construct suite's CPU. The
// synth bundle swaps in the same lazy capture (scripts/build/lazy-stack-trace.cjs, README "Toolchain"): the same stack,
// formatted on first use. No test reads a creation stack except the bundle suite's comparison, which loads a fresh copy.
/* eslint-disable @typescript-eslint/no-require-imports -- cdktf's CommonJS module, patched in place, and its replacement */
const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: unknown };
stackTrace.captureStackTrace = (require("../scripts/build/lazy-stack-trace.cjs") as { captureStackTrace: unknown }).captureStackTrace;
/* eslint-enable @typescript-eslint/no-require-imports */

Testing.setupJest();
