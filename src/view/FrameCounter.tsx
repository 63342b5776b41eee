import { useFrame } from '@react-three/fiber';
import { frameStats, frames } from '../state/lab';

/**
 * Counts rendered frames and marks the published picture as drawn. Runs in the same animation
 * frame as the layers that draw it, so the header clock (which listens) changes in the same paint.
 */
export function FrameCounter() {
  useFrame(() => {
    frameStats.count(performance.now());
    frames.markDrawn();
  });
  return null;
}
