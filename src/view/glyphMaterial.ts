import { DoubleSide, ShaderMaterial } from 'three';

/**
 * Flat-colour material for the instanced glyphs: position = (x, y) + shape · uSize, the shape
 * mirrored (⊥ → ⊤) when the instance's sign is negative. Colours are written as given (sRGB
 * bytes / 255), so glyphs match the CSS legend exactly; the outline variant paints every glyph in
 * one colour (the background).
 */
const vertexShader = /* glsl */ `
attribute vec3 offset;
uniform float uSize;
varying float vSign;
void main() {
  vSign = offset.z;
  vec2 shape = vec2(position.x, position.y * sign(offset.z));
  vec3 p = vec3(offset.xy + shape * uSize, 0.0);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
}
`;

const fragmentShader = /* glsl */ `
uniform vec3 uPlus;
uniform vec3 uMinus;
varying float vSign;
void main() {
  gl_FragColor = vec4(vSign > 0.0 ? uPlus : uMinus, 1.0);
}
`;

export function hexToVec3(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

/** Glyph material with a colour for + and one for − (the same twice for an outline). */
export function createGlyphMaterial(plus: string, minus: string): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: {
      uPlus: { value: hexToVec3(plus) },
      uMinus: { value: hexToVec3(minus) },
      uSize: { value: 0.02 },
    },
    side: DoubleSide,
    // Transparent like the density layer, so all layers sort together by renderOrder.
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}

export function setGlyphColors(material: ShaderMaterial, plus: string, minus: string): void {
  material.uniforms.uPlus.value = hexToVec3(plus);
  material.uniforms.uMinus.value = hexToVec3(minus);
}
