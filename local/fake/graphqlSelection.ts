/**
 * Just enough of GraphQL to answer a query with the right shape: the selection tree of the first operation
 * (aliases, arguments skipped, inline fragments and named fragments merged in). No validation.
 */
export interface Selection {
  /** The key in the answer (alias or name). */
  key: string;
  name: string;
  children: Selection[] | null;
}

type Token = { kind: 'punct' | 'name' | 'string' | 'other'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|#[^\n]*|"""[\s\S]*?"""|"(?:\\.|[^"\\])*"|\.\.\.|[{}():!$@=[\]|,&]|[_A-Za-z][_0-9A-Za-z]*|-?\d[\d.eE+-]*|./g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const v = m[0];
    if (/^\s|^#|^,/.test(v)) continue;
    if (v.startsWith('"')) tokens.push({ kind: 'string', value: v });
    else if (/^[_A-Za-z]/.test(v)) tokens.push({ kind: 'name', value: v });
    else if (/^(\.\.\.|[{}():!$@=[\]|&])$/.test(v)) tokens.push({ kind: 'punct', value: v });
    else tokens.push({ kind: 'other', value: v });
  }
  return tokens;
}

export function parseSelection(source: string): Selection[] {
  const tokens = tokenize(source);
  const fragments = new Map<string, Selection[]>();
  let operation: Selection[] | undefined;
  let i = 0;
  const peek = () => tokens[i];
  const skipBalanced = (open: string, close: string) => {
    let depth = 0;
    do {
      const t = tokens[i++];
      if (!t) return;
      if (t.value === open) depth++;
      else if (t.value === close) depth--;
    } while (depth > 0);
  };
  const skipDirectives = () => {
    while (peek()?.value === '@') {
      i += 2;
      if (peek()?.value === '(') skipBalanced('(', ')');
    }
  };
  const selectionSet = (): Selection[] => {
    const out: Selection[] = [];
    i++; // {
    while (i < tokens.length && peek()?.value !== '}') {
      const t = peek() as Token;
      if (t.value === '...') {
        i++;
        if (peek()?.value === 'on') i += 2;
        if (peek()?.kind === 'name' && tokens[i + 1]?.value !== '{') {
          const name = (tokens[i++] as Token).value;
          skipDirectives();
          out.push({ key: `...${name}`, name: `...${name}`, children: null });
          continue;
        }
        skipDirectives();
        if (peek()?.value === '{') out.push(...selectionSet());
        continue;
      }
      let key = t.value;
      let name = t.value;
      i++;
      if (peek()?.value === ':') {
        i++;
        name = (tokens[i++] as Token).value;
      }
      if (peek()?.value === '(') skipBalanced('(', ')');
      skipDirectives();
      out.push({ key, name, children: peek()?.value === '{' ? selectionSet() : null });
      key = '';
    }
    i++; // }
    return out;
  };
  while (i < tokens.length) {
    const t = peek() as Token;
    if (t.value === 'fragment') {
      const name = (tokens[i + 1] as Token).value;
      while (i < tokens.length && peek()?.value !== '{') i++;
      fragments.set(name, selectionSet());
    } else if (t.value === '{') {
      operation ??= selectionSet();
    } else if (t.value === '(') {
      skipBalanced('(', ')');
    } else {
      i++;
    }
  }
  const expand = (list: Selection[]): Selection[] =>
    list.flatMap((s) =>
      s.name.startsWith('...') ? expand(fragments.get(s.name.slice(3)) ?? []) : [{ ...s, children: s.children && expand(s.children) }],
    );
  return expand(operation ?? []);
}
