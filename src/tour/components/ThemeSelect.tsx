import { Select } from '../../ui/Select';

export type TourTheme = 'system' | 'light' | 'dark';

const OPTIONS: readonly { value: TourTheme; label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSelect({
  value,
  onChange,
}: {
  value: TourTheme;
  onChange(theme: TourTheme): void;
}) {
  return (
    <Select
      label="Theme"
      hideLabel
      value={value}
      options={OPTIONS}
      onChange={onChange}
      testId="theme-select"
    />
  );
}
