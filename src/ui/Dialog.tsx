import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog over the page: a backdrop that closes it, a heading with a Close (Esc) button.
 * Focus moves to Close when it opens and back to where it was when it closes (Esc itself is the
 * keyboard shortcuts' job).
 */
export function Dialog({
  id,
  title,
  testId,
  onClose,
  children,
}: {
  id: string;
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => back?.focus?.();
  }, []);
  return (
    <div className="overlay" data-testid={testId}>
      <button type="button" className="overlay-backdrop" aria-label="Close" onClick={onClose} />
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <div className="dialog-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" ref={closeRef} onClick={onClose} data-testid={`${id}-close`}>
            Close (Esc)
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
