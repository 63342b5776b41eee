// Assembles the project's WebAssembly text into TypeScript modules holding the bytes as base64, so
// that the app, its workers and the CLI load them without wabt or a fetch:
//   src/model/fastsum/nearIso.wat → nearIsoWasm.ts (NEAR_ISO_WASM), fastsum/farWindow.wat →
//   farWindowWasm.ts (FAR_WINDOW_WASM), src/model/fftPasses.wat → fftPassesWasm.ts (FFT_PASSES_WASM),
//   src/model/pde/stagePass.wat → pde/stagePassWasm.ts (STAGE_PASS_WASM).
// Run after editing a .wat: `node scripts/wasm.mjs` (the unit tests fail while a pair disagrees).
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

export const MODULES = [
  { wat: 'fastsum/nearIso.wat', out: 'fastsum/nearIsoWasm.ts', name: 'NEAR_ISO_WASM' },
  { wat: 'fastsum/farWindow.wat', out: 'fastsum/farWindowWasm.ts', name: 'FAR_WINDOW_WASM' },
  { wat: 'fftPasses.wat', out: 'fftPassesWasm.ts', name: 'FFT_PASSES_WASM' },
  { wat: 'pde/stagePass.wat', out: 'pde/stagePassWasm.ts', name: 'STAGE_PASS_WASM' },
];

const model = (file) => new URL(`../src/model/${file}`, import.meta.url);

/** The base64 bytes of src/model/<wat> assembled now. */
export async function assemble(wat) {
  const wabt = await wabtInit();
  const module = wabt.parseWat(wat, readFileSync(model(wat), 'utf8'), { simd: true });
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer).toString('base64');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  for (const { wat, out, name } of MODULES) {
    const b64 = await assemble(wat);
    const file = wat.split('/').pop();
    writeFileSync(
      model(out),
      `/** ${file} assembled by scripts/wasm.mjs (do not edit: edit the .wat and rerun it). */\nexport const ${name} =\n  '${b64}';\n`,
    );
    console.log(`${out}: ${(b64.length * 3) / 4} bytes`);
  }
}
