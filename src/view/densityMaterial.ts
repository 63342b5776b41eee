import { DoubleSide, ShaderMaterial, type Texture } from 'three';

/** Shows a periodic RGBA texture as is (no colour management), repeated `uRepeat` times, shifted by `uOrigin`. */
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
uniform vec2 uOrigin;
varying vec2 vUv;
void main() {
  // the point drawn at x shows the density at x + origin (the particles' shift; RepeatWrapping)
  vec4 c = texture2D(uMap, vUv * uRepeat + uOrigin);
  gl_FragColor = vec4(c.rgb, uOpacity);
}
`;

export function createDensityMaterial(map: Texture): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: {
      uMap: { value: map },
      uRepeat: { value: 1 },
      uOpacity: { value: 1 },
      uOrigin: { value: [0, 0] },
    },
    side: DoubleSide,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}
