/**
 * A daily bar chart as inline SVG, drawn on the server: a title and description for screen
 * readers, labelled axes, a tooltip per bar, and the figures as a table beneath.
 * @module
 */
import { t } from "../lib/i18n/mod.ts";
import { dayLabel, type Locale, shortDate } from "./format.ts";

const W = 640;
const H = 220;
const PAD = { left: 64, right: 12, top: 16, bottom: 44 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * exp >= max) return step * exp;
  }
  return 10 * exp;
}

/** A chart of one value per day. */
export function BarChart(
  { id, title, description, dates, values, format, tickFormat, locale, yLabel, integer }: {
    id: string;
    title: string;
    description: string;
    dates: string[];
    values: number[];
    format: (n: number) => string;
    /** The axis's figures, shorter than `format`'s where that helps (whole liras). */
    tickFormat?: (n: number) => string;
    locale: Locale;
    yLabel: string;
    /** Counts: the middle tick stays a whole number. */
    integer?: boolean;
  },
) {
  const nice = niceMax(Math.max(0, ...values));
  const max = integer ? Math.max(2, Math.ceil(nice / 2) * 2) : nice;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, dates.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const total = values.reduce((a, b) => a + b, 0);
  const ticks = [0, max / 2, max];
  const every = Math.max(1, Math.ceil(dates.length / 6));
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <strong>{title}</strong>{" "}
        <span class="muted">
          {t(locale, "chart.total")}: <span data-testid={`${id}-total`}>{format(total)}</span>
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-svg-desc`}>{description}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(v)}
              y2={y(v)}
              class="grid"
            />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" class="tick">
              {(tickFormat ?? format)(v)}
            </text>
          </g>
        ))}
        {values.map((v, i) => {
          const h = (v / max) * plotH;
          return (
            <rect
              key={dates[i]}
              x={PAD.left + i * slot + (slot - barW) / 2}
              y={PAD.top + plotH - h}
              width={barW}
              height={Math.max(h, v > 0 ? 1 : 0)}
              class="bar"
            >
              <title>{`${dayLabel(dates[i]!, locale)}: ${format(v)}`}</title>
            </rect>
          );
        })}
        {dates.map((d, i) =>
          i % every === 0 || i === dates.length - 1
            ? (
              <text
                key={d}
                x={PAD.left + i * slot + slot / 2}
                y={H - PAD.bottom + 16}
                text-anchor="middle"
                class="tick"
              >
                {shortDate(d, locale)}
              </text>
            )
            : null
        )}
        <text x={PAD.left + plotW / 2} y={H - 6} text-anchor="middle" class="axis">
          {t(locale, "chart.day")}
        </text>
        <text
          x={14}
          y={PAD.top + plotH / 2}
          text-anchor="middle"
          class="axis"
          transform={`rotate(-90 14 ${PAD.top + plotH / 2})`}
        >
          {yLabel}
        </text>
      </svg>
      <details class="chart-table">
        <summary>{t(locale, "chart.table")}</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, "chart.day")}</th>
              <th scope="col">{yLabel}</th>
            </tr>
          </thead>
          <tbody>
            {dates.map((d, i) => (
              <tr key={d}>
                <th scope="row">{dayLabel(d, locale)}</th>
                <td>{format(values[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
