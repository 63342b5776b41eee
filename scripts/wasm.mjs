// Assembles src/model/fastsum/nearIso.wat into nearIsoWasm.ts (the bytes as base64), so that the app,
// its workers and the CLI load the module without wabt. Run after editing the .wat: `node scripts/wasm.mjs`
// (tests/unit/nearWasm.test.ts fails while the two disagree).
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const wat = new URL('../src/model/fastsum/nearIso.wat', import.meta.url);
const out = new URL('../src/model/fastsum/nearIsoWasm.ts', import.meta.url);

export async function assembleNearIso() {
  const wabt = await wabtInit();
  const module = wabt.parseWat('nearIso.wat', readFileSync(wat, 'utf8'), { simd: true });
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer).toString('base64');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const b64 = await assembleNearIso();
  writeFileSync(
    out,
    `/** nearIso.wat assembled by scripts/wasm.mjs (do not edit: edit the .wat and rerun it). */\nexport const NEAR_ISO_WASM =\n  '${b64}';\n`,
  );
  console.log(`nearIsoWasm.ts: ${(b64.length * 3) / 4} bytes`);
}
