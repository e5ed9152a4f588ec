/** A chart drawn by ECharts, which is fetched the first time a chart is shown (the console's first load stays small). */
import { Skeleton } from 'antd';
import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';

const Core = lazy(async () => {
  const { echarts, ReactEChartsCore } = await import('./echarts-core.ts');
  return {
    default: (props: { option: EChartsOption; height: number; onClick?: (params: ChartClick) => void; testId?: string }) => (
      <div data-testid={props.testId}>
        <ReactEChartsCore
          echarts={echarts}
          option={props.option}
          style={{ height: props.height, width: '100%' }}
          notMerge
          onEvents={props.onClick ? { click: props.onClick } : {}}
        />
      </div>
    ),
  };
});

/** What a click on a bar or point tells: its category (x value), series and data index. */
export type ChartClick = { name: string; seriesName?: string; dataIndex: number; seriesIndex?: number };

export function Chart({
  option,
  height = 280,
  onClick,
  testId,
}: {
  option: EChartsOption;
  height?: number;
  onClick?: (params: ChartClick) => void;
  testId?: string;
}) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <Core option={option} height={height} {...(onClick ? { onClick } : {})} {...(testId ? { testId } : {})} />
    </Suspense>
  );
}

/** Percentages for axes and tooltips. */
export const percent = (rate: number | null | undefined, digits = 1) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`);

/** Yuan from fen, compact. */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;

export const palette = ['#1677ff', '#fa8c16', '#13c2c2', '#eb2f96', '#722ed1', '#52c41a', '#fadb14', '#a0d911', '#2f54eb', '#8c8c8c'];
