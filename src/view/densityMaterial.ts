import { DoubleSide, ShaderMaterial, type Texture } from 'three';

/** Shows a periodic RGBA texture as is (no colour management), repeated `uRepeat` times. */
const vertexShader = /* glsl */ `
varying vec2 vUv;
void main() {
  vUv = uv;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;

const fragmentShader = /* glsl */ `
uniform sampler2D uMap;
uniform float uRepeat;
uniform float uOpacity;
varying vec2 vUv;
void main() {
  vec4 c = texture2D(uMap, vUv * uRepeat);
  gl_FragColor = vec4(c.rgb, uOpacity);
}
`;

export function createDensityMaterial(map: Texture): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: { uMap: { value: map }, uRepeat: { value: 1 }, uOpacity: { value: 1 } },
    side: DoubleSide,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}
