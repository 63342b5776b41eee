import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { frames } from '../state/lab';

/** The canvas renders on demand: ask for a frame whenever the runner publishes a new picture. */
export function InvalidateOnNewFrames() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => frames.subscribe(() => invalidate()), [invalidate]);
  return null;
}
