import { DoubleSide, ShaderMaterial } from 'three';

/**
 * Flat-colour material for the instanced glyphs: position = shifted (x, y) + shape · uSize. The
 * ⊥ shape is mirrored (⊤) when the instance's sign is negative. A particle of a bound dipole that
 * is not resolved at this zoom (nearest opposite-sign partner closer than uBound and than the
 * glyph itself) is not drawn by the glyph pass; the ring pass (uRing = 1) draws a ring at the +
 * end of each. A pass collapses the instances it does not draw to a point. Colours are written as given (sRGB bytes / 255), so
 * glyphs match the CSS legend exactly; outline variants paint in one colour (the background).
 */
const vertexShader = /* glsl */ `
attribute vec4 offset;
uniform float uSize;
uniform vec2 uOrigin;
uniform float uBound;
uniform float uRing;
varying float vSign;
void main() {
  vSign = offset.z;
  bool bound = offset.w < uBound && offset.w < 0.7 * uSize;
  // one ring per dipole: its + end draws it, the − end hides
  float show = uRing > 0.5 ? ((bound && offset.z > 0.0) ? 1.0 : 0.0) : (bound ? 0.0 : 1.0);
  vec2 shape = uRing > 0.5 ? position.xy : vec2(position.x, position.y * sign(offset.z));
  vec2 at = fract(offset.xy - uOrigin);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(at + shape * uSize * show, 0.0, 1.0);
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

/** Glyph material with a colour for + and one for − (the same twice for an outline or a ring). */
export function createGlyphMaterial(plus: string, minus: string, ring = false): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: {
      uPlus: { value: hexToVec3(plus) },
      uMinus: { value: hexToVec3(minus) },
      uSize: { value: 0.02 },
      uOrigin: { value: [0, 0] },
      uBound: { value: 0 },
      uRing: { value: ring ? 1 : 0 },
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
