import { useEffect, useRef } from 'react';
import { CurveChartRenderer } from './curveRenderer';
import type { CurveChartData } from './curves';

/** Holds one CurveChartRenderer for the component's life and feeds it `data`. */
export function CurveChart({ data, testId }: { data: CurveChartData | null; testId: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<CurveChartRenderer | null>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const renderer = new CurveChartRenderer(host, { testId });
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, [testId]);
  useEffect(() => {
    rendererRef.current?.update(data);
  }, [data]);
  return <div ref={hostRef} className="ae-lab-chart-host" />;
}
