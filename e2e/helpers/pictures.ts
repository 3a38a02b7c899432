/**
 * Picture files for the own-image tests, made in the test: a drawing encoded by the browser,
 * hand-written bytes of the smallest valid files, headers without pixels, and real files cut
 * short (never taken from a dataset).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** A dark "7" on light paper, drawn in the page and encoded there (PNG unless `type` says). */
export async function drawSevenPng(page: Page, type = 'image/png'): Promise<number[]> {
  return page.evaluate(async (type) => {
    const canvas = new OffscreenCanvas(300, 200);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#f4f4f0';
    g.fillRect(0, 0, 300, 200);
    g.strokeStyle = '#151515';
    g.lineWidth = 14;
    g.lineCap = 'round';
    g.beginPath();
    g.moveTo(110, 40);
    g.lineTo(190, 40);
    g.lineTo(140, 170);
    g.stroke();
    const blob = await canvas.convertToBlob({ type });
    if (blob.type !== type) throw new Error(`this browser does not encode ${type}`);
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, type);
}

const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
export const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** signature + IHDR only: enough for the header check, nothing to decode */
export const pngHeader = (w: number, h: number) => [
  ...PNG_SIGNATURE,
  ...be32(13),
  ...ascii('IHDR'),
  ...be32(w),
  ...be32(h),
  8,
  2,
  0,
  0,
  0,
  ...be32(0),
];
/** two 1x1 frames: the smallest animated GIF */
const GIF_FRAME = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00];
export const ANIMATED_GIF = [
  ...ascii('GIF89a'),
  ...[1, 0, 1, 0, 0x80, 0, 0],
  ...[0, 0, 0, 255, 255, 255],
  ...GIF_FRAME,
  ...GIF_FRAME,
  0x3b,
];

/** a 2x2 24-bit BMP (bottom-up rows, each padded to 4 bytes) */
const le = (v: number, n: number) => [...Array(n).keys()].map((k) => (v >>> (8 * k)) & 255);
const BMP_PIXELS = [0, 0, 0, 255, 255, 255, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0];
export const BMP = [
  ...ascii('BM'),
  ...le(54 + BMP_PIXELS.length, 4),
  ...le(0, 4),
  ...le(54, 4),
  ...[40, 2, 2].flatMap((v) => le(v, 4)),
  ...le(1, 2),
  ...le(24, 2),
  ...le(0, 4),
  ...le(BMP_PIXELS.length, 4),
  ...le(0, 16),
  ...BMP_PIXELS,
];

/** a real file's first `fraction` of bytes: what an interrupted download or copy leaves */
export const cut = (path: string, fraction: number): number[] => {
  const bytes = readFileSync(path);
  return Array.from(bytes.subarray(0, Math.floor(bytes.length * fraction)));
};
