/**
 * What a drop or a paste carries that can become the user's picture: a file, or the address of
 * a picture dragged from another tab (text/uri-list, or an <img> in text/html).
 */

export type ImageTransfer = { kind: 'file'; file: File } | { kind: 'url'; url: string };

/** files that belong to a model (model.json, weight shards, class names): left to the model loader */
export function isModelFile(name: string): boolean {
  return /\.(json|bin|txt)$/i.test(name);
}

function firstUriListEntry(list: string): string | null {
  const line = list
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  return line ?? null;
}

function imgSrcOf(html: string): string | null {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.querySelector('img[src]')?.getAttribute('src') ?? null;
}

/**
 * The picture in a DataTransfer, or null when it carries none for us (nothing, or model files).
 * Files win over URLs: a browser dragging an image from a page may offer both.
 */
export function imageFromTransfer(dt: DataTransfer): ImageTransfer | null {
  const files = Array.from(dt.files);
  if (files.length > 0) {
    if (files.some((f) => isModelFile(f.name))) return null;
    const file = files.find((f) => f.type.startsWith('image/')) ?? files[0];
    return file ? { kind: 'file', file } : null;
  }
  const listed = firstUriListEntry(dt.getData('text/uri-list'));
  if (listed) return { kind: 'url', url: listed };
  // an <img> of another page: only an absolute address means anything here
  const html = dt.getData('text/html');
  const src = html ? imgSrcOf(html) : null;
  return src && /^(https?|data):/i.test(src) ? { kind: 'url', url: src } : null;
}

/** whether a drag may carry a picture (the data itself is only readable on drop) */
export function dragMayCarryImage(dt: DataTransfer | null): boolean {
  if (!dt) return false;
  return dt.types.includes('Files') || dt.types.includes('text/uri-list');
}
