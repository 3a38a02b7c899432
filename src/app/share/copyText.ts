/**
 * Copies text: the async clipboard API where the page may use it; otherwise selects the text in
 * its field so the user can press Ctrl+C (and tries the old execCommand on the way).
 */
export type CopyOutcome = 'copied' | 'selected';

export async function copyText(
  text: string,
  field: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<CopyOutcome> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard API');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    if (field) {
      field.focus();
      field.select();
      try {
        // deprecated, but the only fallback in pages without clipboard permission
        if (document.execCommand('copy')) return 'copied';
      } catch {
        /* the text stays selected */
      }
    }
    return 'selected';
  }
}
