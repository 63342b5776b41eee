/** scripts/wasm.mjs: nearIso.wat assembled (base64 of the module bytes). */
export function assembleNearIso(): Promise<string>;
