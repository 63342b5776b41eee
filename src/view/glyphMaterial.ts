import { DoubleSide, ShaderMaterial } from 'three';

/**
 * Flat-colour material for instanced glyphs: position = offset + shape · uSize. The colour is
 * written as given (sRGB bytes / 255), so glyphs match the CSS legend exactly.
 */
const vertexShader = /* glsl */ `
attribute vec2 offset;
uniform float uSize;
void main() {
  vec3 p = vec3(offset + position.xy * uSize, 0.0);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
}
`;

const fragmentShader = /* glsl */ `
uniform vec3 uColor;
void main() {
  gl_FragColor = vec4(uColor, 1.0);
}
`;

export function hexToVec3(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

export function createGlyphMaterial(hex: string): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: { uColor: { value: hexToVec3(hex) }, uSize: { value: 0.02 } },
    side: DoubleSide,
    // Transparent like the density layer, so all layers sort together by renderOrder.
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}

export function setGlyphColor(material: ShaderMaterial, hex: string): void {
  material.uniforms.uColor.value = hexToVec3(hex);
}
