export const MODULES: ReadonlyArray<{ wat: string; out: string; name: string }>;
/** The base64 bytes of src/model/<wat> assembled now. */
export function assemble(wat: string): Promise<string>;
