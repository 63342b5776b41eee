import { useId } from 'react';
import { useLab } from '../../state/store';

interface Props<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  help?: string;
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** A labelled drop-down with a one-line explanation and the inline error of its control key. */
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  help,
  onChange,
  disabled,
}: Props<T>) {
  const selectId = useId();
  const error = useLab((s) => s.fieldErrors[id]);
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-testid={`field-${id}`}>
      <div className="row">
        <label htmlFor={selectId}>{label}</label>
        <select
          id={selectId}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value as T)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {help && <p className="help">{help}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
