import { useFrame } from '@react-three/fiber';
import { countFrame } from '../state/frameStats';

/** Counts rendered frames (priority after the scene, so a counted frame has been drawn). */
export function FrameCounter() {
  useFrame(() => countFrame(performance.now()));
  return null;
}
