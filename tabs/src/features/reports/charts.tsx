import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import {
  Button,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useT } from "../../i18n/i18n";

/**
 * Bar charts drawn in SVG with Fluent's tokens, so they follow Teams' light, dark and high-contrast themes. Series
 * differ by pattern as well as colour (solid, hatched with an outline), so that they stay apart in high contrast,
 * in Windows' forced colours (system colours then) and for people who do not tell colours apart. The chart itself is
 * an image with a name; its figures are in a table shown on demand, right after it (ADR 0011).
 */

export interface Series {
  key: string;
  label: string;
  values: readonly number[];
  look: "solid" | "hatched";
}

export interface Category {
  /** On the chart: short ("Oct"). */
  label: string;
  /** In the table: whole ("October 2026"). */
  long: string;
}

interface ChartProps {
  title: string;
  /** The table's first column header ("Month", "Skill"). */
  categoryHeader: string;
  categories: readonly Category[];
  series: readonly Series[];
  format(n: number): string;
}

const useStyles = makeStyles({
  root: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyle: "none" },
  legendItem: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  plot: { width: "100%", minWidth: 0 },
  svg: { display: "block", overflow: "visible" },
  axis: { fill: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  baseline: { stroke: tokens.colorNeutralForeground2, strokeWidth: 1 },
  solid: {
    fill: tokens.colorBrandForeground1,
    "@media (forced-colors: active)": { fill: "Highlight" },
  },
  hatchedBar: {
    stroke: tokens.colorNeutralForeground2,
    strokeWidth: 1.5,
    "@media (forced-colors: active)": { stroke: "CanvasText" },
  },
  hatchBack: { fill: tokens.colorNeutralBackground1, "@media (forced-colors: active)": { fill: "Canvas" } },
  hatchLine: { stroke: tokens.colorNeutralForeground2, strokeWidth: 2, "@media (forced-colors: active)": { stroke: "CanvasText" } },
  toggle: { justifySelf: "start" },
  tableWrap: { overflowX: "auto" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", "& .fui-TableHeaderCell__button": { justifyContent: "flex-end", textAlign: "end" } },
  rows: { display: "grid", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyle: "none" },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(8rem, 14rem) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
  },
  rowLabel: { overflowWrap: "anywhere" },
  bars: { display: "grid", gap: "2px" },
  bar: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) 3.5rem", alignItems: "center", gap: tokens.spacingHorizontalS },
  barValue: { fontVariantNumeric: "tabular-nums", color: tokens.colorNeutralForeground2 },
});

const safeId = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, "");

/** The hatch pattern one chart's hatched bars use. */
function Hatch({ id }: { id: string }) {
  const s = useStyles();
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect className={s.hatchBack} width="6" height="6" />
      <line className={s.hatchLine} x1="0" y1="0" x2="0" y2="6" />
    </pattern>
  );
}

function Swatch({ look, hatch }: { look: Series["look"]; hatch: string }) {
  const s = useStyles();
  return (
    <svg width="16" height="16" aria-hidden="true" focusable="false">
      {look === "hatched" && (
        <defs>
          <Hatch id={hatch} />
        </defs>
      )}
      <rect
        x="1"
        y="1"
        width="14"
        height="14"
        className={look === "solid" ? s.solid : s.hatchedBar}
        {...(look === "hatched" ? { fill: `url(#${hatch})` } : {})}
      />
    </svg>
  );
}

/** The chart's frame: its heading, legend, the drawing, and the table of the same figures on demand. */
function ChartFrame({ title, categoryHeader, categories, series, format, children }: ChartProps & { children(hatch: string): ReactNode }) {
  const s = useStyles();
  const t = useT();
  const id = safeId(useId());
  const [table, setTable] = useState(false);
  return (
    <section className={s.root} aria-labelledby={`${id}-title`} data-chart={title}>
      <Subtitle2 as="h3" id={`${id}-title`}>
        {title}
      </Subtitle2>
      <ul className={s.legend} aria-hidden="true">
        {series.map((x) => (
          <li key={x.key} className={s.legendItem}>
            <Swatch look={x.look} hatch={`${id}-legend-${x.key}`} />
            <Text size={200}>{x.label}</Text>
          </li>
        ))}
      </ul>
      <div role="img" aria-label={t("reports.chart.alt", { title })} className={s.plot}>
        {children(`${id}-hatch`)}
      </div>
      <Button
        className={s.toggle}
        appearance="subtle"
        aria-expanded={table}
        aria-controls={`${id}-table`}
        onClick={() => setTable((v) => !v)}
      >
        {t(table ? "reports.chart.hideTable" : "reports.chart.showTable")}
      </Button>
      <div id={`${id}-table`} className={s.tableWrap} hidden={!table}>
        {table && (
          <Table size="small" aria-labelledby={`${id}-title`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{categoryHeader}</TableHeaderCell>
                {series.map((x) => (
                  <TableHeaderCell key={x.key} className={s.number}>
                    {x.label}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {categories.map((c, i) => (
                <TableRow key={`${c.long}-${i}`}>
                  <TableCell>{c.long}</TableCell>
                  {series.map((x) => (
                    <TableCell key={x.key} className={s.number}>
                      {format(x.values[i] ?? 0)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </section>
  );
}

/** A round top for the axis: 1, 2, 2.5 or 5 times a power of ten per step, four steps. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 4, step: 1 };
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((x) => x >= raw)!;
  return { top: step * Math.ceil(max / step), step };
}

/** The width the chart has, read as the page lays it out (640 until then). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useLayoutEffect(() => {
    const w = ref.current?.getBoundingClientRect().width;
    if (w) setWidth(Math.round(w));
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const w = entry?.contentRect.width;
      if (w) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

const HEIGHT = 220;
const MARGIN = { top: 10, right: 8, bottom: 26, left: 44 };
/** The least room one category's label needs, in pixels: below it, every other label is left out. */
const LABEL_ROOM = 46;

/** Months along the bottom, one group of bars per month. */
export function ColumnChart(props: ChartProps) {
  const s = useStyles();
  const [ref, width] = useWidth();
  const { categories, series, format } = props;
  const max = Math.max(0, ...series.flatMap((x) => x.values));
  const { top, step } = niceScale(max);
  const plotW = Math.max(width - MARGIN.left - MARGIN.right, 40);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotW / Math.max(categories.length, 1);
  const every = Math.max(1, Math.ceil(LABEL_ROOM / band));
  const group = band * 0.72;
  const barW = group / Math.max(series.length, 1);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return (
    <ChartFrame {...props}>
      {(hatch) => (
        <div ref={ref}>
          <svg className={s.svg} width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true" focusable="false">
            <defs>
              <Hatch id={hatch} />
            </defs>
            {ticks.map((v) => (
              <g key={v}>
                <line className={v === 0 ? s.baseline : s.grid} x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(v)} y2={y(v)} />
                <text className={s.axis} x={MARGIN.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
                  {format(v)}
                </text>
              </g>
            ))}
            {categories.map((c, i) => {
              const x0 = MARGIN.left + i * band + (band - group) / 2;
              return (
                <g key={`${c.long}-${i}`}>
                  {series.map((x, j) => {
                    const v = x.values[i] ?? 0;
                    const h = Math.max(0, y(0) - y(v));
                    return (
                      <rect
                        key={x.key}
                        x={x0 + j * barW + 1}
                        y={y(v)}
                        width={Math.max(barW - 2, 1)}
                        height={h}
                        className={x.look === "solid" ? s.solid : s.hatchedBar}
                        {...(x.look === "hatched" ? { fill: `url(#${hatch})` } : {})}
                      >
                        <title>{`${c.long}, ${x.label}: ${format(v)}`}</title>
                      </rect>
                    );
                  })}
                  {i % every === 0 && (
                    <text className={s.axis} x={MARGIN.left + i * band + band / 2} y={HEIGHT - 8} textAnchor="middle">
                      {c.label}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        </div>
      )}
    </ChartFrame>
  );
}

/** Categories down the side (skills, ratings), each with its bars across: long labels wrap, never overlap. */
export function BarChart(props: ChartProps) {
  const s = useStyles();
  const { categories, series, format } = props;
  const max = Math.max(0, ...series.flatMap((x) => x.values));
  return (
    <ChartFrame {...props}>
      {(hatch) => (
        <ul className={s.rows}>
          {categories.map((c, i) => (
            <li key={`${c.long}-${i}`} className={s.row}>
              <Text size={200} className={s.rowLabel}>
                {c.label}
              </Text>
              <div className={s.bars}>
                {series.map((x) => {
                  const v = x.values[i] ?? 0;
                  const share = max > 0 ? (v / max) * 100 : 0;
                  return (
                    <div key={x.key} className={s.bar}>
                      <svg width="100%" height="12" aria-hidden="true" focusable="false">
                        {x.look === "hatched" && (
                          <defs>
                            <Hatch id={`${hatch}-${i}-${x.key}`} />
                          </defs>
                        )}
                        {v > 0 && (
                          <rect
                            x="0.75"
                            y="0.75"
                            height="10.5"
                            width={`${share * 0.985}%`}
                            className={x.look === "solid" ? s.solid : s.hatchedBar}
                            {...(x.look === "hatched" ? { fill: `url(#${hatch}-${i}-${x.key})` } : {})}
                          />
                        )}
                      </svg>
                      <Text size={200} className={s.barValue}>
                        {format(v)}
                      </Text>
                    </div>
                  );
                })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </ChartFrame>
  );
}
