import { escapeHtml } from '../html';

/**
 * A bar chart made of a table, for email: Gmail shows no SVG, no canvas and no CSS grid or flex layout, and an
 * inline image of the sheet's chart would cost an export per KPI. A table cell per day, bottom-aligned, holding a
 * block whose height is the value: every client that shows tables shows this.
 */
export interface Bar {
  label: string;
  value: number | null;
  color: string;
  /** The value as people read it, for the plain-text body. */
  title: string;
}

export function barChartHtml(bars: readonly Bar[], max: number, style: { height: number; labelColor: string; emptyColor: string }): string {
  const width = `${Math.floor(100 / Math.max(1, bars.length))}%`;
  const top = max > 0 ? max : 1;
  const columns = bars
    .map((bar) => {
      // A missing day is a thin grey line, a zero a sliver of its colour: neither must look like the other.
      const h = bar.value === null ? 2 : Math.max(3, Math.min(style.height, Math.round((Math.max(0, bar.value) / top) * style.height)));
      const color = bar.value === null ? style.emptyColor : bar.color;
      return (
        `<td width="${width}" height="${style.height}" valign="bottom" align="center" style="height:${style.height}px;padding:0 3px">` +
        `<div style="height:${h}px;background-color:${escapeHtml(color)};border-radius:2px;font-size:0;line-height:0">&nbsp;</div>` +
        `</td>`
      );
    })
    .join('');
  const labels = bars
    .map(
      (bar) =>
        `<td align="center" style="font-size:10px;line-height:14px;color:${escapeHtml(style.labelColor)};padding:3px 0 0 0">${escapeHtml(bar.label)}</td>`,
    )
    .join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse"><tr>${columns}</tr><tr>${labels}</tr></table>`;
}
