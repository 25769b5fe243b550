import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { CareReadingRow } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { careChartText, medianKwh } from './staff-words';

/** Chart sizes: axis labels ≥ 22 px as all staff text; thick lines to be read from a step back. */
const AXIS_FONT = '24px sans-serif';
const WIDTH = 900;
const HEIGHT = 320;

/**
 * A household's last 30 days, drawn by uPlot (loaded only when a member of staff opens an alert:
 * residents never download it): the daily use as a thick line with its points, the usual day
 * (the median) dashed, so a drop shows at a glance. The same figures in words beside it (the
 * chart's text alternative, also what the voice says).
 */
export function CareChart({ t, readings }: { t: Translator; readings: readonly CareReadingRow[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  const text = careChartText(t, readings);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let gone = false;
    const el = box.current;
    if (!el || readings.length === 0) return;
    void import('uplot/dist/uPlot.min.css');
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      const median = medianKwh(readings) ?? 0;
      const xs = readings.map((_, i) => i);
      const axis: uPlot.Axis = {
        font: AXIS_FONT,
        size: 80,
        stroke: '#000',
        grid: { stroke: '#ccc' },
      };
      chart = new UPlot(
        {
          width: WIDTH,
          height: HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.ceil(max + 1)] } },
          axes: [
            {
              ...axis,
              // A label every few days: each one whole at 24 px.
              space: 120,
              values: (_u: uPlot, splits: number[]) =>
                splits.map((i) => readings[i]?.day.slice(5) ?? ''),
            },
            { ...axis, values: (_u: uPlot, splits: number[]) => splits.map((v) => String(v)) },
          ],
          series: [
            {},
            { stroke: '#0b4f9c', width: 4, points: { size: 10, fill: '#0b4f9c' } },
            { stroke: '#b00020', width: 3, dash: [12, 8], points: { show: false } },
          ],
        },
        [xs, readings.map((r) => r.kwh), readings.map(() => median)],
        el,
      );
      setDrawn(true);
    });
    return () => {
      gone = true;
      chart?.destroy();
      setDrawn(false);
    };
  }, [readings]);
  return (
    <figure className="care-chart">
      <figcaption>{t('careChartTitle')}</figcaption>
      <div
        ref={box}
        role="img"
        aria-label={text}
        data-drawn={drawn ? 'yes' : 'no'}
        className="care-chart-canvas"
      />
      <p className="care-chart-text">{text}</p>
    </figure>
  );
}
