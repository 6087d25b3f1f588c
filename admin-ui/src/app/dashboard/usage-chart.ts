import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartDataset,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  ScriptableContext,
  Tooltip,
  TooltipItem,
} from 'chart.js';
import { ThemeStore } from '../core/theme/theme-store';
import { LanguageStore } from '../core/i18n/language-store';

const chartFontFamily = "Roboto, 'Noto Sans SC', sans-serif";

// Only the pieces these charts use (keeps chart.js tree-shaken and in the dashboard chunk).
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family = chartFontFamily;

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** A palette slot, resolved against the current theme. */
  readonly tone: ChartTone;
  readonly kind: 'bar' | 'line';
}

export type ChartTone = 'primary' | 'tertiary' | 'error' | `category-${number}`;

export interface ChartSpec {
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly stacked: boolean;
  readonly horizontal: boolean;
  /** Counts: no fractional axis ticks. */
  readonly isCount: boolean;
  /** Formats axis ticks and tooltips. */
  readonly formatValue: (value: number) => string;
}

/** Lines draw no dots, except where a value has no neighbour (else it would not show at all). */
function drawIsolatedPoints(context: ScriptableContext<'line'>): number {
  const values = context.dataset.data;
  const index = context.dataIndex;
  const isMissing = (value: unknown) => value === null || value === undefined;
  if (isMissing(values[index])) return 0;
  return isMissing(values[index - 1]) && isMissing(values[index + 1]) ? 3 : 0;
}

/** Okabe–Ito: distinguishable with common colour-vision deficiencies, fine on light and dark. */
const categoryColors = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#999999',
];

/** A chart.js canvas with an accessible name; redraws when data, theme or language change. */
@Component({
  selector: 'app-usage-chart',
  template: `<canvas #canvas role="img" [attr.aria-label]="description()"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 240px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageChart {
  private readonly document = inject(DOCUMENT);
  private readonly themeStore = inject(ThemeStore);
  private readonly languageStore = inject(LanguageStore);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  readonly spec = input.required<ChartSpec>();
  /** What the chart shows, for screen readers (the numbers are also in the page's tables). */
  readonly description = input.required<string>();

  constructor() {
    effect((onCleanup) => {
      const spec = this.spec();
      this.themeStore.mode();
      this.languageStore.language();
      const context = this.canvas().nativeElement.getContext('2d');
      if (!context) return;
      const chart = new Chart(context, this.buildConfig(spec));
      // Canvas text only uses a web font once it is loaded: fetch the faces the labels need
      // (Chinese glyphs come from Noto Sans SC subsets), then redraw.
      let isDestroyed = false;
      const labelText = [...spec.labels, ...spec.series.map((series) => series.label)].join('');
      void this.document.fonts
        ?.load(`12px ${chartFontFamily}`, labelText)
        .then(() => isDestroyed || chart.update('none'));
      onCleanup(() => {
        isDestroyed = true;
        chart.destroy();
      });
    });
  }

  private buildConfig(spec: ChartSpec) {
    const colors = this.readThemeColors();
    const text = colors.text;
    const grid = colors.grid;
    const resolveTone = (tone: ChartTone): string => {
      switch (tone) {
        case 'primary':
        case 'tertiary':
        case 'error':
          return colors[tone];
        default:
          return (
            categoryColors[Number(tone.slice('category-'.length)) % categoryColors.length] ?? text
          );
      }
    };
    const datasets = spec.series.map((series): ChartDataset<'bar' | 'line', (number | null)[]> => ({
      type: series.kind,
      label: series.label,
      data: [...series.values],
      backgroundColor: resolveTone(series.tone),
      borderColor: resolveTone(series.tone),
      borderWidth: series.kind === 'line' ? 2 : 0,
      pointRadius: series.kind === 'line' ? drawIsolatedPoints : undefined,
      tension: 0.25,
      stack: series.kind === 'bar' && spec.stacked ? 'requests' : undefined,
    }));
    const valueAxis = {
      stacked: spec.stacked,
      beginAtZero: true,
      ticks: {
        color: text,
        precision: spec.isCount ? 0 : undefined,
        callback: (value: string | number) => spec.formatValue(Number(value)),
      },
      grid: { color: grid },
    };
    const labelAxis = {
      stacked: spec.stacked,
      ticks: { color: text, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 },
      grid: { display: false },
    };
    return {
      type: 'bar' as const,
      data: { labels: [...spec.labels], datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false as const,
        indexAxis: spec.horizontal ? ('y' as const) : ('x' as const),
        interaction: { mode: 'index' as const, intersect: false },
        scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { labels: { color: text, boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (item: TooltipItem<'bar' | 'line'>) =>
                `${item.dataset.label ?? ''}: ${spec.formatValue(Number(item.raw))}`,
            },
          },
        },
      },
    };
  }

  /**
   * Theme colours are `light-dark(…)` custom properties, which canvas cannot parse: let the
   * browser resolve each one on a probe element and read back the computed rgb().
   */
  private readThemeColors(): Record<'text' | 'grid' | 'primary' | 'tertiary' | 'error', string> {
    const probe = this.document.createElement('span');
    probe.style.display = 'none';
    this.canvas().nativeElement.after(probe);
    const resolve = (variable: string) => {
      probe.style.color = `var(${variable})`;
      return getComputedStyle(probe).color || '#777';
    };
    const colors = {
      text: resolve('--mat-sys-on-surface-variant'),
      grid: resolve('--mat-sys-outline-variant'),
      primary: resolve('--mat-sys-primary'),
      tertiary: resolve('--mat-sys-tertiary'),
      error: resolve('--mat-sys-error'),
    };
    probe.remove();
    return colors;
  }
}
