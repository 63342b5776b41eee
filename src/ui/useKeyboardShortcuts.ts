import { useEffect } from 'react';
import { reset, setUi, step, togglePlay } from '../state/actions';
import { useLab } from '../state/store';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'range', 'button'].includes(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
}

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/** Lecture keys: space play/pause, s step, r reset, h hide controls, f full screen, t theme. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      const ui = useLab.getState().ui;
      switch (e.key) {
        case ' ':
          e.preventDefault();
          togglePlay();
          break;
        case 's':
          step();
          break;
        case 'r':
          reset();
          break;
        case 'h':
          setUi({ controlsHidden: !ui.controlsHidden });
          break;
        case 'f':
          toggleFullscreen();
          break;
        case 't':
          setUi({ theme: ui.theme === 'light' ? 'dark' : 'light' });
          break;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
