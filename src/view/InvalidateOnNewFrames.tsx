import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { subscribeFrames } from '../state/latestFrames';

/** The canvas renders on demand: ask for a frame whenever a worker publishes new data. */
export function InvalidateOnNewFrames() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => subscribeFrames(() => invalidate()), [invalidate]);
  return null;
}
