import { useAppStore, type ThemePreference } from '../state';
import { Select } from '../ui/Select';

const OPTIONS: readonly { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeToggle() {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  return (
    <Select
      label="Theme"
      hideLabel
      value={theme}
      options={OPTIONS}
      onChange={setTheme}
      testId="theme-select"
    />
  );
}
