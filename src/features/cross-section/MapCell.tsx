import { useEffect, useRef } from 'react';
import { CrossSectionMapRenderer } from './renderer';
import { mapGrid, PLANE_LABELS, type CrossSectionMapInput } from './mapData';

export interface MapCellProps {
  index: number;
  map: CrossSectionMapInput;
  classNames: readonly string[];
  epsMax: number;
  onCellClick: (mapIndex: number, horizontalEps: number, verticalEps: number) => void;
  onCursor: (description: string) => void;
}

/** One map of the grid: mounts a CrossSectionMapRenderer and feeds it. */
export function MapCell({ index, map, classNames, epsMax, onCellClick, onCursor }: MapCellProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<CrossSectionMapRenderer | null>(null);
  const callbacks = useRef({ onCellClick, onCursor, index });

  useEffect(() => {
    callbacks.current = { onCellClick, onCursor, index };
  }, [onCellClick, onCursor, index]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const renderer = new CrossSectionMapRenderer(host, {
      onCellClick: (_row, _col, h, v) =>
        callbacks.current.onCellClick(callbacks.current.index, h, v),
      onCursor: (description) => callbacks.current.onCursor(description),
    });
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  useEffect(() => {
    const renderer = rendererRef.current;
    if (!renderer) return;
    renderer.element.dataset.testid = `xsec-map-${index}`;
    renderer.element.dataset.imageIndex = String(map.imageIndex);
    renderer.element.dataset.trueLabel = String(map.trueLabel);
    const horizontal = map.horizontal ?? 'fgsm';
    renderer.element.dataset.plane = horizontal;
    const image = map.imageIndex >= 0 ? `#${map.imageIndex}` : 'your image';
    const truth = classNames[map.trueLabel] ?? (map.trueLabel >= 0 ? map.trueLabel : 'unknown');
    renderer.update({
      grid: mapGrid(map),
      epsMax: map.result?.epsMax ?? epsMax,
      trueLabel: map.trueLabel,
      classNames,
      // imageIndex -1: the user's own picture, whose class may be unknown (the renderer puts the
      // plane's label above: it tells the maps of a pair apart, on screen and in exports)
      title: `${image} · true: ${truth}`,
      progress: map.progress ?? 0,
      horizontal,
    });
  }, [index, map, classNames, epsMax]);

  const done = map.result !== null;
  return (
    <div className="xsec-view__cell">
      <div ref={hostRef} />
      {!done && !map.error && (
        <progress
          className="xsec-view__progress"
          data-export-ignore=""
          max={1}
          value={map.progress ?? 0}
          aria-label={`Map ${index + 1} (${PLANE_LABELS[map.horizontal ?? 'fgsm']}) progress`}
          data-testid={`xsec-progress-${index}`}
        />
      )}
      {map.error && (
        <p role="alert" className="xsec-view__error">
          {map.error}
        </p>
      )}
    </div>
  );
}
