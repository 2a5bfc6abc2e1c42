import EChartsCore from 'echarts-for-react/esm/core';
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the charts and components the overview draws, rendered as SVG: the full ECharts bundle is
// several times larger.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What ECharts hands a click handler about the clicked bar or point. */
export interface ChartClick {
  seriesId?: string;
  dataIndex: number;
}

export function Chart({
  option,
  height = 320,
  onClick,
}: {
  option: ChartOption;
  height?: number;
  onClick?: (event: ChartClick) => void;
}) {
  return (
    <EChartsCore
      echarts={echarts}
      option={option}
      notMerge
      opts={{ renderer: 'svg' }}
      style={{ height, width: '100%' }}
      onEvents={onClick ? { click: onClick } : undefined}
    />
  );
}
