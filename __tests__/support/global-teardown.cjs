// Jest globalTeardown: removes the shared synthesis of global-setup.cjs.
"use strict";
const fs = require("node:fs");

module.exports = async function globalTeardown() {
  const dir = process.env.FX_TEST_SHARED_SYNTH;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
