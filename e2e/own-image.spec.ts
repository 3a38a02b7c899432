/**
 * Own images: a picture dropped, pasted, chosen or drawn becomes the current image, preprocessed
 * by the MNIST recipe (the preview shows the tensor); Save PNG writes the 8-bit adversarial image
 * and the engine's verdict on it; every bad input is refused with a message while the current
 * image, the engine and its tensors stay as they were. Pictures are made in the test (canvas
 * drawings and hand-written bytes), never taken from a dataset.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousA11yViolations } from './helpers/a11y';
import { openApp } from './helpers/app';
import { dropFile } from './helpers/dropFile';
import {
  ANIMATED_GIF,
  ascii,
  BMP,
  cut,
  drawSevenPng,
  PNG_SIGNATURE,
  pngHeader,
} from './helpers/pictures';
import { TEST_IDS } from './helpers/testIds';

const ownId = (page: Page) =>
  page.getByTestId('own-image-current').getAttribute('data-own-id', { timeout: 5000 });

/** The engine's attack result is for the own picture with this id. */
async function expectAttackOnOwn(page: Page, id: string | null): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const s = window.adversarialExplorer?.state?.() as
          { attackOutcome: { own?: { ownId: number } | null } | null } | undefined;
        return String(s?.attackOutcome?.own?.ownId ?? 'none');
      }),
    )
    .toBe(id);
  await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d$/);
}

test.describe('own images', () => {
  test('a dropped drawing is preprocessed, attacked and saved as a verified 8-bit PNG', async ({
    page,
  }) => {
    await openApp(page, { backend: 'wasm' });
    await expect(page.getByTestId(TEST_IDS.predOriginal)).toHaveAttribute('data-class', /^\d$/);

    // dragging a file over the page shows the page-wide drop hint
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'x.png', { type: 'image/png' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    });
    await expect(page.getByTestId('own-image-drop-overlay')).toBeVisible();
    await dropFile(page, await drawSevenPng(page), 'seven.png', 'image/png');
    await expect(page.getByTestId('own-image-drop-overlay')).toHaveCount(0);
    await expect(page.getByTestId('own-image-status')).toContainText('seven.png');
    await expect(page.getByTestId('own-image-tensor')).toBeVisible();
    await expect(page.getByTestId('own-image-tensor-size')).toContainText('28×28');
    await expect(page.getByTestId('own-image-recipe')).toContainText('swapped');
    // unknown class: the loss label switched to the model's prediction, and the UI says so
    await expect(page.getByTestId('own-image-label-note')).toBeVisible();
    await expect(page.getByTestId('label-source-predicted')).toBeChecked();
    const id = await ownId(page);
    await expectAttackOnOwn(page, id);

    // the tensor the engine got: MNIST-like (bright ink on a zero background, centred by mass)
    const stats = await page.evaluate(() => {
      const img = window.adversarialExplorer?.currentImage?.()?.image;
      if (!img) return null;
      let m = 0;
      let mx = 0;
      let my = 0;
      img.data.forEach((v, i) => {
        m += v;
        mx += v * ((i % 28) + 0.5);
        my += v * (Math.floor(i / 28) + 0.5);
      });
      return { max: Math.max(...img.data), corner: img.data[0], cx: mx / m, cy: my / m };
    });
    expect(stats?.max).toBeCloseTo(1, 5);
    expect(stats?.corner).toBe(0);
    expect(Math.abs((stats?.cx ?? 0) - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((stats?.cy ?? 0) - 14)).toBeLessThanOrEqual(0.5);

    // a higher ink threshold is applied live: a new tensor for the same picture, attacked again
    const before = await page.evaluate(() =>
      Array.from(window.adversarialExplorer?.currentImage?.()?.image.data ?? []),
    );
    await page.getByTestId('own-image-threshold').fill('0.7');
    await expect(page.getByTestId('own-image-threshold-value')).toHaveText('0.70');
    await expect
      .poll(() =>
        page.evaluate(() =>
          Array.from(window.adversarialExplorer?.currentImage?.()?.image.data ?? []),
        ),
      )
      .not.toEqual(before);
    await expectAttackOnOwn(page, id);

    expect(await seriousA11yViolations(page)).toEqual([]);

    // naming the class switches the loss label back to it
    await page.getByTestId('own-image-label').selectOption('7');
    await expect(page.getByTestId('label-source-true')).toBeChecked();

    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const file = await (await download).path();
    const png = readFileSync(file);
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([28, 28]);
    const verdict = page.getByTestId('export-quantised-verdict');
    await expect(verdict).toHaveAttribute('data-status', 'done');
    await expect(verdict).toHaveAttribute('data-fools', /^(true|false)$/);
    await expect(verdict).toContainText('Saved image (rounded to 8 bits): classified as');
  });

  test('paste and the drawing pad make the current image', async ({ page }) => {
    await openApp(page, { backend: 'wasm' });
    const bytes = await drawSevenPng(page);
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(bytes)], 'image.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
    }, bytes);
    await expect(page.getByTestId('own-image-status')).toContainText('image.png');
    const pasted = await ownId(page);
    await expectAttackOnOwn(page, pasted);

    await page.getByTestId('own-image-draw').click();
    const pad = page.getByTestId('drawing-canvas');
    const box = await pad.boundingBox();
    if (!box) throw new Error('no drawing pad');
    // a vertical stroke: a "1"
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) {
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + 0.07 * k));
    }
    await page.mouse.up();
    await expect(page.getByTestId('own-image-status')).toContainText('drawing');
    const drawn = await ownId(page);
    expect(drawn).not.toBe(pasted);
    await expectAttackOnOwn(page, drawn);

    // a picture dragged from another tab arrives as its address (text/uri-list) and is fetched
    await page.evaluate(async (bytes) => {
      const url = URL.createObjectURL(new Blob([Uint8Array.from(bytes)], { type: 'image/png' }));
      const dt = new DataTransfer();
      dt.setData('text/uri-list', `# dragged from another tab\r\n${url}`);
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }, bytes);
    await expect(page.getByTestId('own-image-status')).not.toContainText('drawing');
    const fetched = await ownId(page);
    expect(fetched).not.toBe(drawn);
    await expectAttackOnOwn(page, fetched);

    // EXIF orientation 6 (turn 90° clockwise) is applied: a 300x200 JPEG becomes 200x300
    await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(300, 200);
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d context');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 300, 200);
      g.fillStyle = '#000';
      g.fillRect(60, 90, 180, 20);
      const jpeg = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer(),
      );
      // APP1 "Exif": big-endian TIFF header, one IFD entry: Orientation (0x0112) SHORT = 6
      const exif = [
        0xff,
        0xe1,
        0,
        34,
        ...[...'Exif'].map((c) => c.charCodeAt(0)),
        0,
        0,
        0x4d,
        0x4d,
        0,
        0x2a,
        0,
        0,
        0,
        8,
        0,
        1,
        0x01,
        0x12,
        0,
        3,
        0,
        0,
        0,
        1,
        0,
        6,
        0,
        0,
        0,
        0,
        0,
        0,
      ];
      const bytes = new Uint8Array([...jpeg.subarray(0, 2), ...exif, ...jpeg.subarray(2)]);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'rotated.jpg', { type: 'image/jpeg' }));
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    });
    await expect(page.getByTestId('own-image-status')).toContainText('rotated.jpg” (200×300)');

    // the sweep (Fig. 4) runs on the own picture too
    const rotated = await ownId(page);
    await page.getByRole('tab', { name: /Sweep/ }).click();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const s = window.adversarialExplorer?.state?.() as
            { sweepOutcome: { own?: { ownId: number } | null } | null } | undefined;
          return String(s?.sweepOutcome?.own?.ownId ?? 'none');
        }),
      )
      .toBe(rotated);
    await page.getByRole('tab', { name: 'Image' }).click();

    // a test image takes over again; the own picture is kept for later
    await page.getByTestId('own-image-back').click();
    await expect(page.getByTestId('own-image-use')).toBeVisible();
    await expectAttackOnOwn(page, 'none');
  });

  test('damaged pictures are refused by name and the current picture stays; every format loads', async ({
    page,
  }) => {
    await openApp(page, { backend: 'wasm' });
    await dropFile(page, await drawSevenPng(page), 'seven.png', 'image/png');
    const id = await ownId(page);
    await expectAttackOnOwn(page, id);

    const banner = page.getByTestId(TEST_IDS.errorBanner);
    const damaged: [string, string, number[]][] = [
      ['chelsea-cut.png', 'image/png', cut('public/samples/chelsea.png', 0.6)],
      ['chelsea-cut.jpg', 'image/jpeg', cut('public/samples/thumbs/chelsea.jpg', 0.7)],
    ];
    for (const [name, type, bytes] of damaged) {
      await dropFile(page, bytes, name, type);
      await expect(banner.getByTestId('error-message').last()).toHaveText(
        new RegExp(`"${name.replace('.', '\\.')}" is damaged`),
      );
      // the previous picture is still the one shown and attacked
      await expect(page.getByTestId('own-image-status')).toContainText('seven.png');
      expect(await ownId(page)).toBe(id);
      await expectAttackOnOwn(page, id);
      await page.getByTestId('error-dismiss').last().click();
      await expect(banner).toHaveCount(0);
    }
    // one damaged picture after another: the banner tells of the last one only
    for (const [name, type, bytes] of damaged) await dropFile(page, bytes, name, type);
    await expect(banner.getByTestId('error-message')).toHaveCount(1);
    await expect(banner.getByTestId('error-message')).toHaveText(/"chelsea-cut\.jpg" is damaged/);
    await page.getByTestId('error-dismiss').click();
    await expect(banner).toHaveCount(0);

    // whole pictures of every supported format still load
    const fileInput = page.getByTestId('own-image-file');
    const whole: [string, string, number[]][] = [
      ['seven.jpg', 'image/jpeg', await drawSevenPng(page, 'image/jpeg')],
      ['seven.webp', 'image/webp', await drawSevenPng(page, 'image/webp')],
      ['spinner.gif', 'image/gif', ANIMATED_GIF],
      ['tiny.bmp', 'image/bmp', BMP],
      ['seven-again.png', 'image/png', await drawSevenPng(page)],
    ];
    const smallNote = page.getByTestId('own-image-small-note');
    for (const [name, mimeType, bytes] of whole) {
      await fileInput.setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
      await expect(page.getByTestId('own-image-status')).toContainText(name);
      // a picture far smaller than the model's 28×28 input is scaled up, and the user is told
      const side = { 'spinner.gif': 1, 'tiny.bmp': 2 }[name];
      if (side === undefined) await expect(smallNote).toHaveCount(0);
      else
        await expect(smallNote).toHaveText(
          new RegExp(
            `^Your picture is only ${side}×${side} pixels, .*28×28 input: it was scaled up about ${28 / side}×, so the model sees a blur`,
          ),
        );
    }
    await expect(banner).toHaveCount(0);
  });

  test('bad input is refused with a message; the current image and the engine stay', async ({
    page,
  }) => {
    await openApp(page, { backend: 'wasm' });
    await dropFile(page, await drawSevenPng(page), 'seven.png', 'image/png');
    const id = await ownId(page);
    await expectAttackOnOwn(page, id);
    const tensorsBefore = await page.evaluate(
      async () => (await window.adversarialExplorer?.client.memory())?.numTensors,
    );

    const fileInput = page.getByTestId('own-image-file');
    const banner = page.getByTestId(TEST_IDS.errorBanner);
    const refuse = async (load: () => Promise<void>, message: RegExp): Promise<void> => {
      await load();
      await expect(banner.getByTestId('error-message').last()).toHaveText(message);
      expect(await ownId(page)).toBe(id);
      await page.getByTestId('error-dismiss').last().click();
      await expect(banner).toHaveCount(0);
    };
    const choose = (name: string, mimeType: string, bytes: number[]) => () =>
      fileInput.setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });

    await refuse(choose('report.pdf', 'application/pdf', ascii('%PDF-1.4 hello')), /not a picture/);
    await refuse(choose('empty.png', 'image/png', []), /is empty/);
    await refuse(
      choose('broken.png', 'image/png', [...pngHeader(28, 28), ...ascii('IDATgarbage')]),
      /"broken\.png" is damaged: the file ends early/,
    );
    await refuse(
      choose('broken.jpg', 'image/jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 3, 4, 5, 6]),
      /"broken\.jpg" is damaged: .*JPEG file/,
    );
    await refuse(
      choose('huge.png', 'image/png', pngHeader(10000, 10000)),
      /10000×10000.*megapixels/,
    );
    await refuse(
      choose(
        'logo.svg',
        'image/svg+xml',
        ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ),
      /SVG/,
    );
    await refuse(choose('scan.tiff', 'image/tiff', [...ascii('II*\0'), 8, 0, 0, 0, 0, 0]), /TIFF/);
    await refuse(
      choose('photo.heic', 'image/heic', [0, 0, 0, 24, ...ascii('ftypheic'), 0, 0, 0, 0]),
      /HEIC/,
    );
    const url = page.getByTestId('own-image-url');
    await refuse(async () => {
      await url.fill(new URL('./no-such-picture.png', page.url()).href);
      await page.getByTestId('own-image-url-load').click();
    }, /HTTP 404/);
    // another origin (localhost vs 127.0.0.1) that sends no CORS header
    await refuse(async () => {
      await url.fill(page.url().replace('127.0.0.1', 'localhost') + 'models/index.json');
      await page.getByTestId('own-image-url-load').click();
    }, /CORS/);

    // nothing above reached the engine: same tensors, and it still answers
    const tensorsAfter = await page.evaluate(
      async () => (await window.adversarialExplorer?.client.memory())?.numTensors,
    );
    expect(tensorsAfter).toBe(tensorsBefore);
    await expectAttackOnOwn(page, id);

    // an animated GIF is accepted: its first frame, and the user is told
    await choose('spinner.gif', 'image/gif', ANIMATED_GIF)();
    await expect(page.getByTestId('own-image-note')).toContainText('first frame');
    await expect(page.getByTestId('own-image-status')).toContainText('spinner.gif');
  });
});
