/**
 * Every stylesheet of the app as text, for the custom element's shadow root (page styles do not
 * reach inside it). `:root` rules become `:host` rules there.
 */
const sheets = import.meta.glob<string>('../**/*.css', {
  query: '?inline',
  import: 'default',
  eager: true,
});

export function shadowStyles(): string {
  const css = Object.keys(sheets)
    .sort()
    .map((path) => sheets[path] ?? '')
    .join('\n');
  return `:host { display: block; min-height: 320px; }\n${css.replace(/:root\b/g, ':host')}`;
}
