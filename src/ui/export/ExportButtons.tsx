import { useState, type RefObject } from 'react';
import { figureToPng, figureToSvg } from './exportFigure';
import { downloadBlob, downloadText } from './download';
import './figure.css';

export interface ExportButtonsProps {
  /** the element holding the figure's canvas and SVG layers */
  figureRef: RefObject<HTMLElement | null>;
  /** file name without extension */
  fileName: string;
  /** builds the CSV of the plotted numbers; null disables the CSV button */
  csv: (() => string) | null;
  /** 'sweep' gives the test ids sweep-export-svg, sweep-export-png and sweep-export-csv */
  testIdPrefix: string;
  /** what the figure is, for the buttons' accessible names ("eps-sweep chart") */
  figureName: string;
  disabled?: boolean;
  /**
   * what is still missing while the figure is unfinished ("refining 6%, 2 of 6 maps empty"):
   * said beside the buttons, and an export made now is marked partial in the file
   */
  partial?: string | null;
}

/** SVG, PNG and CSV download buttons for one figure. */
export function ExportButtons({
  figureRef,
  fileName,
  csv,
  testIdPrefix,
  figureName,
  disabled = false,
  partial = null,
}: ExportButtonsProps) {
  const note = partial ? `Partial figure, still computing: ${partial}` : null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const exportSvg = (): void => {
    const root = figureRef.current;
    if (!root) return;
    try {
      downloadText(
        figureToSvg(root, { note }),
        `${fileName}${note ? '-partial' : ''}.svg`,
        'image/svg+xml',
      );
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const exportPng = async (): Promise<void> => {
    const root = figureRef.current;
    if (!root) return;
    setBusy(true);
    try {
      downloadBlob(
        await figureToPng(root, 2, { note }),
        `${fileName}${note ? '-partial' : ''}.png`,
      );
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = (): void => {
    if (!csv) return;
    downloadText(csv(), `${fileName}.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <div className="ae-export" role="group" aria-label={`Export the ${figureName}`}>
      <button
        type="button"
        onClick={exportSvg}
        disabled={disabled}
        aria-label={`Download the ${figureName} as SVG`}
        data-testid={`${testIdPrefix}-export-svg`}
      >
        SVG
      </button>
      <button
        type="button"
        onClick={() => void exportPng()}
        disabled={disabled || busy}
        aria-label={`Download the ${figureName} as PNG`}
        data-testid={`${testIdPrefix}-export-png`}
      >
        PNG
      </button>
      <button
        type="button"
        onClick={exportCsv}
        disabled={disabled || !csv}
        aria-label={`Download the numbers of the ${figureName} as CSV`}
        data-testid={`${testIdPrefix}-export-csv`}
      >
        CSV
      </button>
      {partial && (
        <span className="ae-export__partial" data-testid={`${testIdPrefix}-export-partial`}>
          Still computing ({partial}): an export now is marked partial.
        </span>
      )}
      {error && (
        <span role="alert" className="ae-export__error">
          Export failed: {error}
        </span>
      )}
    </div>
  );
}
