/// <reference lib="webworker" />

/**
 * Take the Web Lock `name` and never give it back: the browser releases it when this worker's
 * global scope goes away (self.close(), terminate(), a crash), which the page waits for.
 * Resolves once the lock is held; false where Web Locks are missing (insecure contexts).
 */
export function holdLifeLock(name: string): Promise<boolean> {
  const locks = (self.navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve(false);
  return new Promise((held) => {
    void locks.request(name, () => {
      held(true);
      return new Promise<never>(() => {});
    });
  });
}
