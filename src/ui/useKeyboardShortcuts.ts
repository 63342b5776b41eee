import { useEffect } from 'react';
import { reset, setUi, step, storyStep, togglePlay } from '../state/actions';
import { removePicked } from '../state/handEdits';
import { useLab } from '../state/store';
import type { Chrome } from '../state/uiTypes';
import { viewNav } from '../state/viewNav';
import { exportMenu } from './export/ExportMenu';

/** Where keys type text (or move a control) instead of being shortcuts. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'range', 'button'].includes(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
}

/** Controls that use ←/→ themselves (sliders, checkboxes, radios, menus, tabs); a button does not. */
function arrowsOwnedBy(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    /^(slider|menuitem|tab|radio)$/.test(target.getAttribute('role') ?? '')
  );
}

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/** Arrow keys move the picture by this share of the home view's width. */
const ARROW_STEP = 0.05;

function moveBy(dx: number, dy: number): void {
  const s = viewNav.commands?.scale();
  // a step of the same size on screen at any zoom
  viewNav.shiftBy((dx * ARROW_STEP) / (s?.zoom ?? 1), (dy * ARROW_STEP) / (s?.zoom ?? 1));
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/**
 * Lecture keys (listed in the '?' overlay): space play/pause, s step, r reset, h controls →
 * picture alone → all, c drawer, arrows move the picture, +/− zoom, 0 home, t theme, f full
 * screen, e export menu, ? help; in a story ←/→ (PageUp/PageDown) step scenes; Delete removes the
 * picked particle. Esc closes the help or the drawer, or gives a focused control's keys back.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const ui = useLab.getState().ui;
      if (e.key === 'Escape') {
        if (ui.help) setUi({ help: false });
        else if (ui.embedDialog) setUi({ embedDialog: false });
        else if (ui.drawer) setUi({ drawer: false });
        else if (ui.lens !== null) setUi({ lens: null });
        else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        return;
      }
      if (typingInto(e.target)) return;
      // a story steps like slides: ←/→, and PageUp/PageDown from presenter clickers
      const slide = { ArrowLeft: -1, ArrowRight: 1, PageUp: -1, PageDown: 1 }[e.key];
      if (slide && useLab.getState().story && (e.key.startsWith('Page') || !arrowsOwnedBy(e.target))) {
        e.preventDefault();
        storyStep(slide);
        return;
      }
      const arrow = ARROWS[e.key];
      if (arrow) {
        // arrows on a focused slider, button or checkbox keep their usual meaning
        if (e.target instanceof HTMLElement && e.target !== document.body) return;
        e.preventDefault();
        moveBy(arrow[0], arrow[1]);
        return;
      }
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
          setUi({ chrome: ((ui.chrome + 1) % 3) as Chrome, drawer: false });
          break;
        case 'c':
          setUi({ drawer: !ui.drawer });
          break;
        case '+':
        case '=':
          viewNav.commands?.zoomBy(1.25);
          break;
        case '-':
        case '_':
          viewNav.commands?.zoomBy(0.8);
          break;
        case '0':
          viewNav.commands?.home();
          break;
        case 'f':
          toggleFullscreen();
          break;
        case 't':
          setUi({ theme: ui.theme === 'light' ? 'dark' : 'light' });
          break;
        case '?':
          setUi({ help: !ui.help });
          break;
        case 'e':
          exportMenu.toggle();
          break;
        case 'Delete':
        case 'Backspace':
          if (!removePicked()) return;
          e.preventDefault();
          break;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
