import type { Page } from '@playwright/test';

/** Drops a file on the page the way a browser does (a DataTransfer with one File). */
export async function dropFile(
  page: Page,
  bytes: readonly number[],
  name: string,
  type: string,
): Promise<void> {
  await page.evaluate(
    ({ bytes, name, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(bytes)], name, { type }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    },
    { bytes: [...bytes], name, type },
  );
}
