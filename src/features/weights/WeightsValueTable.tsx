import { useId, useState } from 'react';
import { DataTable } from '../../ui/export/DataTable';
import type { WeightsPanelData } from './renderer';
import { unitSlice } from './weightsLayout';

export interface WeightsValueTableProps {
  panels: readonly WeightsPanelData[];
  /** units [start, end) of the current page */
  start: number;
  end: number;
}

/** The weights of one chosen unit and piece as an h x w table per channel: the image's numbers. */
export function WeightsValueTable({ panels, start, end }: WeightsValueTableProps) {
  const id = useId();
  const [panelIndex, setPanelIndex] = useState(0);
  const [unitChoice, setUnitChoice] = useState(start);
  const [pieceChoice, setPieceChoice] = useState(0);
  const panel = panels[Math.min(panelIndex, panels.length - 1)];
  if (!panel) return null;
  const { weights } = panel;
  const unit = Math.min(weights.units - 1, Math.max(start, Math.min(unitChoice, end - 1)));
  const piece = Math.min(weights.pieces - 1, pieceChoice);
  if (unit < 0) return null;
  const [h, w, c] = weights.imageShape;
  const values = unitSlice(weights, unit, piece);
  const units = Array.from(
    { length: Math.max(0, Math.min(end, weights.units) - start) },
    (_, i) => start + i,
  );

  return (
    <div className="weights-view__table">
      <div className="weights-view__table-controls">
        {panels.length > 1 && (
          <label htmlFor={`${id}-model`}>
            Model{' '}
            <select
              id={`${id}-model`}
              value={panelIndex}
              onChange={(e) => setPanelIndex(Number(e.target.value))}
            >
              {panels.map((p, i) => (
                <option key={p.side} value={i}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <label htmlFor={`${id}-unit`}>
          Unit{' '}
          <select
            id={`${id}-unit`}
            value={unit}
            onChange={(e) => setUnitChoice(Number(e.target.value))}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        {weights.pieces > 1 && (
          <label htmlFor={`${id}-piece`}>
            Piece{' '}
            <select
              id={`${id}-piece`}
              value={piece}
              onChange={(e) => setPieceChoice(Number(e.target.value))}
            >
              {Array.from({ length: weights.pieces }, (_, p) => (
                <option key={p} value={p}>
                  {p + 1}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {Array.from({ length: c }, (_, channel) => (
        <DataTable
          key={channel}
          caption={`${panel.title}, unit ${unit}${weights.pieces > 1 ? `, piece ${piece + 1}` : ''}${
            c > 1 ? `, channel ${channel}` : ''
          }: weight per pixel (rows top to bottom)`}
          columns={['row', ...Array.from({ length: w }, (_, x) => String(x))]}
          rows={Array.from({ length: h }, (_, y) => [
            y,
            ...Array.from({ length: w }, (_, x) =>
              Number((values[(y * w + x) * c + channel] ?? NaN).toPrecision(3)),
            ),
          ])}
        />
      ))}
    </div>
  );
}
