// A time-series chart of local days with uPlot (a small canvas charting library): lines or bars, an
// optional right-hand axis, resized with its container. Screen readers get a one-line summary; the
// numbers themselves are in the page's daily table.

import uPlot from "uplot";
import { useEffect, useRef } from "preact/hooks";

/** One line (or bars) of a chart. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  bars?: boolean;
  /** Plot against the right-hand axis (its own scale). */
  right?: boolean;
}

/** Midnight UTC of a local date, in seconds: with the chart's zone fixed to UTC the axis shows that date. */
function dayTs(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000;
}

/** One uPlot chart over local days; rebuilt when its data change, destroyed with the component. */
export function Chart(props: {
  title: string;
  summary: string;
  /** The x axis' name in the legend. */
  xLabel: string;
  days: string[];
  series: ChartSeries[];
  height?: number;
  leftRange?: [number, number];
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const height = props.height ?? 220;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const right = props.series.some((s) => s.right);
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: props.leftRange ? { range: props.leftRange } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        ...(right ? { r: { range: (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] } } : {}),
      },
      series: [
        { label: props.xLabel },
        ...props.series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: s.bars ? 0 : 2,
          scale: s.right ? "r" : "y",
          ...(s.bars ? { fill: `${s.color}99`, paths: uPlot.paths.bars?.({ size: [0.6, 36] }) } : {}),
          points: { show: !s.bars && props.days.length <= 45, size: 5 },
        })),
      ],
      axes: [{}, { size: 48 }, ...(right ? [{ side: 1, scale: "r", grid: { show: false }, size: 40 }] : [])],
    };
    const plot = new uPlot(opts, [props.days.map(dayTs), ...props.series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 280), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(props.days), JSON.stringify(props.series), height]);
  return (
    <figure class="reports-chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <div ref={ref} class="reports-chart-plot" role="img" aria-label={props.summary} />
    </figure>
  );
}
