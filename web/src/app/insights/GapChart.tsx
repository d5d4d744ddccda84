import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import type { SupplyDemandRow } from '../api/insights-documents.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/**
 * Supply against demand for the rows with the largest gaps, as horizontal bars (Chart.js on a canvas). The canvas
 * has a text alternative naming what it shows; the table beside it holds every figure.
 */
export function GapChart({ rows, title }: { rows: SupplyDemandRow[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const shown = useMemo(() => rows.slice(0, 20), [rows]);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: shown.map((r) => (r.concept.label.length > 48 ? `${r.concept.label.slice(0, 47)}…` : r.concept.label)),
        datasets: [
          { label: 'Demand (vacancies)', data: shown.map((r) => r.demand), backgroundColor: '#a4262c' },
          { label: 'Supply (learners)', data: shown.map((r) => r.supply), backgroundColor: '#0b5cad' },
        ],
      },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'top' } } },
    });
    return () => chart.destroy();
  }, [shown]);
  const summary = shown.slice(0, 5).map((r) => `${r.concept.label}: demand ${r.demand}, supply ${r.supply}`).join('; ');
  return (
    <figure className="chart">
      <div style={{ height: `${Math.max(8, shown.length * 1.6 + 4)}rem` }}>
        <canvas ref={canvas} role="img" aria-label={`${title}. Largest gaps: ${summary}`} />
      </div>
      <figcaption>{title} — the {shown.length} largest shortages; every row is in the table.</figcaption>
    </figure>
  );
}
