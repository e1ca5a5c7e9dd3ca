import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { CaseMeasureRates, CaseMeasureRow } from '#contracts';
import { CASE_MEASURE_RATE_LABELS } from '#contracts/case-labels.ts';

// Only the parts this chart uses: the page's lazy chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

const COLORS: Record<keyof CaseMeasureRates, string> = {
  response: '#1677ff',
  onTimeResolution: '#13c2c2',
  resolution: '#52c41a',
  satisfaction: '#faad14',
  closedAtGrid: '#722ed1',
  escalation: '#f5222d',
};

interface MeasuresChartProps {
  rows: readonly CaseMeasureRow[];
  rates: readonly (keyof CaseMeasureRates)[];
  height: number;
  /** Places shown at once; a slider reaches the others. */
  visible: number;
}

/** The rates per place as grouped bars (percent); a slider when there are many places. */
export function MeasuresChart({ rows, rates, height, visible }: MeasuresChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const many = rows.length > visible;
    chart.current?.setOption(
      {
        animation: false,
        color: rates.map((rate) => COLORS[rate]),
        tooltip: {
          trigger: 'axis',
          valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '—'),
        },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 8, right: 8, top: 36, bottom: many ? 56 : 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: rows.map((row) => row.name),
          axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' },
        },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        dataZoom: many
          ? [{ type: 'slider', start: 0, end: Math.round((visible / rows.length) * 100), height: 18 }]
          : [],
        series: rates.map((rate) => ({
          name: CASE_MEASURE_RATE_LABELS[rate],
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((row) => {
            const value = row.rates[rate];
            return value === null ? null : Math.round(value * 1000) / 10;
          }),
        })),
      },
      { notMerge: true },
    );
  }, [rows, rates, visible]);

  return <div ref={element} style={{ width: '100%', height }} data-testid="measures-chart" />;
}
