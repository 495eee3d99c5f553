/**
 * Utilities.formatString: printf-style formatting (%s %d %i %f %e %x %o %c %b %%, with flags, width and
 * precision). Arguments are consumed in order; a missing argument formats as Java would format null.
 */
export function formatString(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(
    /%(\d+\$)?([-+ 0#,]*)(\d+)?(?:\.(\d+))?([sdifeExXocbB%n])/g,
    (whole, position: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      if (conv === 'n') return '\n';
      const arg = position ? args[Number(position.slice(0, -1)) - 1] : args[next++];
      let body: string;
      switch (conv) {
        case 's':
          body = arg === undefined || arg === null ? 'null' : String(arg);
          if (precision !== undefined) body = body.slice(0, Number(precision));
          break;
        case 'b':
        case 'B':
          body = String(arg !== undefined && arg !== null && arg !== false);
          break;
        case 'c':
          body = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
          break;
        case 'd':
        case 'i':
          body = signed(Math.trunc(Number(arg)), flags, (n) => (flags.includes(',') ? n.toLocaleString('en-US') : String(n)));
          break;
        case 'f':
          body = signed(Number(arg), flags, (n) => {
            const fixed = n.toFixed(precision === undefined ? 6 : Number(precision));
            return flags.includes(',') ? groupThousands(fixed) : fixed;
          });
          break;
        case 'e':
        case 'E': {
          body = signed(Number(arg), flags, (n) => {
            const [mant, exp] = n.toExponential(precision === undefined ? 6 : Number(precision)).split('e');
            const e = Number(exp);
            return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
          });
          if (conv === 'E') body = body.toUpperCase();
          break;
        }
        case 'x':
        case 'X':
          body = (Math.trunc(Number(arg)) >>> 0).toString(16);
          if (flags.includes('#')) body = `0x${body}`;
          if (conv === 'X') body = body.toUpperCase();
          break;
        case 'o':
          body = (Math.trunc(Number(arg)) >>> 0).toString(8);
          if (flags.includes('#')) body = `0${body}`;
          break;
        default:
          return whole;
      }
      const w = width === undefined ? 0 : Number(width);
      if (body.length >= w) return body;
      if (flags.includes('-')) return body.padEnd(w);
      if (flags.includes('0') && /[dixXofeE]/.test(conv)) {
        const sign = /^[+\- ]/.test(body) ? body.charAt(0) : '';
        return sign + body.slice(sign.length).padStart(w - sign.length, '0');
      }
      return body.padStart(w);
    },
  );
}

function signed(n: number, flags: string, render: (abs: number) => string): string {
  if (Number.isNaN(n)) return 'NaN';
  const text = render(Math.abs(n));
  if (n < 0 || Object.is(n, -0)) return `-${text}`;
  if (flags.includes('+')) return `+${text}`;
  if (flags.includes(' ')) return ` ${text}`;
  return text;
}

function groupThousands(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
