/**
 * Compiling the project's WebAssembly modules (the near field's pair loops, the FFT passes),
 * which ship as base64 text so that the app, its workers and the CLI load them without a fetch.
 * Where WebAssembly or its SIMD is missing, or a Content-Security-Policy refuses compilation, the
 * module is null and `why` says so: the callers then run their JavaScript loops, same results.
 */
export interface CompiledWasm {
  readonly module: WebAssembly.Module | null;
  /** Why module is null ('' when it is not). */
  readonly why: string;
}

export function compileWasm(base64: string): CompiledWasm {
  try {
    if (typeof WebAssembly !== 'object') return { module: null, why: 'no WebAssembly here' };
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    if (!WebAssembly.validate(bytes)) return { module: null, why: 'no WebAssembly SIMD here' };
    return { module: new WebAssembly.Module(bytes), why: '' };
  } catch (e) {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
    return { module: null, why: `WebAssembly refused: ${e instanceof Error ? e.message : String(e)}` };
  }
}
