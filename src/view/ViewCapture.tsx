import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { viewCapture } from '../state/capture';

/**
 * Lets exports take the view's pixels at any scale: the renderer draws the scene once at that
 * pixel ratio and the result is copied out in the same task (so the drawing buffer is still
 * there and nothing odd ever reaches the screen), then the view is drawn again at its own ratio.
 */
export function ViewCapture() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    viewCapture.register((scale) => {
      const own = gl.getPixelRatio();
      const css = gl.domElement.getBoundingClientRect();
      if (css.width < 1 || css.height < 1) return null;
      gl.setPixelRatio(scale);
      gl.render(scene, camera);
      const out = document.createElement('canvas');
      out.width = gl.domElement.width;
      out.height = gl.domElement.height;
      out.getContext('2d')?.drawImage(gl.domElement, 0, 0);
      gl.setPixelRatio(own);
      gl.render(scene, camera);
      return out;
    });
    return () => viewCapture.register(null);
  }, [gl, scene, camera]);
  return null;
}
