import { useEffect, useId, useRef, useState } from 'react';
import { useLab } from '../../state/store';

export interface NumberFieldProps {
  /** Key under which rejected input is reported (also the data-testid of the field). */
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  /** Logarithmic slider (for δ, n, tolerances). */
  log?: boolean;
  integer?: boolean;
  unit?: string;
  /** One line: what the quantity is. */
  help: string;
  /** Apply a new value; returns false when the scenario rejected it (message already stored). */
  onCommit: (value: number) => boolean;
  disabled?: boolean;
}

const STEPS = 1000;

function toSlider(v: number, min: number, max: number, log: boolean): number {
  const s = log ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
  return Math.round(Math.min(1, Math.max(0, s)) * STEPS);
}

function fromSlider(s: number, min: number, max: number, log: boolean, integer: boolean): number {
  const u = s / STEPS;
  const v = log ? min * (max / min) ** u : min + u * (max - min);
  return integer ? Math.round(v) : Number(v.toPrecision(log ? 3 : 4));
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(6)));
}

/** Parse what was typed; returns the number or the reason it is not acceptable. */
export function parseInput(text: string, min: number, max: number, integer: boolean): number | string {
  const t = text.trim().replace('−', '-');
  if (t === '') return 'enter a number';
  const v = Number(t);
  if (Number.isNaN(v)) return `"${text}" is not a number`;
  if (!Number.isFinite(v)) return 'must be finite';
  if (integer && !Number.isInteger(v)) return 'must be a whole number';
  if (v < min || v > max) return `must lie between ${formatValue(min)} and ${formatValue(max)}`;
  return v;
}

/**
 * A slider with a numeric field, unit and one-line explanation. The slider previews while
 * dragging and applies on release; the field applies on Enter or when it loses focus. Bad input
 * shows an inline message and the previous valid value stays in force.
 */
export function NumberField(p: NumberFieldProps) {
  const { id, label, value, min, max, log = false, integer = false, unit, help, onCommit, disabled } = p;
  const inputId = useId();
  const storeError = useLab((s) => s.fieldErrors[id]);
  const [text, setText] = useState(formatValue(value));
  const [slider, setSlider] = useState(toSlider(value, min, max, log));
  const [localError, setLocalError] = useState<string | null>(null);
  /** Enter and Esc have dealt with the text already: the blur that follows must not apply it again. */
  const handled = useRef(false);

  useEffect(() => {
    setText(formatValue(value));
    setSlider(toSlider(value, min, max, log));
  }, [value, min, max, log]);

  /** Apply v; false when the scenario rejected it (the message is shown, the old value stays). */
  const commit = (v: number): boolean => {
    setLocalError(null);
    if (onCommit(v)) return true;
    setText(formatValue(value));
    setSlider(toSlider(value, min, max, log));
    return false;
  };

  /** Apply what was typed; false when it is not acceptable (the reason is shown). */
  const commitText = (): boolean => {
    const parsed = parseInput(text, min, max, integer);
    if (typeof parsed === 'string') {
      setLocalError(parsed);
      return false;
    }
    if (parsed !== value) return commit(parsed);
    setLocalError(null);
    return true;
  };

  const error = localError ?? storeError ?? null;
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-testid={`field-${id}`}>
      <div className="row">
        <label htmlFor={inputId}>{label}</label>
      </div>
      <div className="row">
        <input
          type="range"
          min={0}
          max={STEPS}
          value={slider}
          disabled={disabled}
          aria-label={`${label} slider`}
          aria-valuetext={`${text}${unit ? ` ${unit}` : ''}`}
          onChange={(e) => {
            const s = Number(e.target.value);
            setSlider(s);
            setText(formatValue(fromSlider(s, min, max, log, integer)));
          }}
          onPointerUp={() => commit(fromSlider(slider, min, max, log, integer))}
          onKeyUp={(e) => {
            if (
              e.key.startsWith('Arrow') ||
              e.key === 'Home' ||
              e.key === 'End' ||
              e.key.startsWith('Page')
            ) {
              commit(fromSlider(slider, min, max, log, integer));
            }
          }}
        />
        <input
          id={inputId}
          type="text"
          inputMode="decimal"
          value={text}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => {
            if (!handled.current) commitText();
            handled.current = false;
          }}
          onKeyDown={(e) => {
            // Enter applies and Esc undoes; both give the keyboard back to the page's shortcuts
            // (a rejected value keeps the focus, to be corrected)
            if (e.key === 'Enter' && commitText()) {
              handled.current = true;
              e.currentTarget.blur();
            }
            if (e.key === 'Escape') {
              setText(formatValue(value));
              setLocalError(null);
              handled.current = true;
              e.currentTarget.blur();
            }
          }}
        />
        {unit !== undefined && <span className="unit">{unit}</span>}
      </div>
      <p className="help">{help}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
