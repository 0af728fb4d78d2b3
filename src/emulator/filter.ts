/**
 * The OData filter subset the REST data plane accepts in `filter=` (send and group operations):
 * `userId`, `connectionId`, `groups`; `eq ne gt ge lt le`, `in` (a group in `groups`, or a value
 * in a parenthesised list), `and or not`, parentheses, string/number/`null`/boolean literals, and
 * `length tolower toupper contains startswith endswith`.
 * Example: `userId eq 'alice' or 'admins' in groups`.
 */

/** What a filter sees of a connection. */
export interface FilterSubject {
  readonly connectionId: string;
  readonly userId: string | null;
  readonly groups: ReadonlySet<string>;
}

type Value = string | number | boolean | null | readonly Value[] | ReadonlySet<string>;

type Node =
  | { readonly k: "lit"; readonly v: Value }
  | { readonly k: "id"; readonly name: "userId" | "connectionId" | "groups" }
  | { readonly k: "list"; readonly items: readonly Node[] }
  | { readonly k: "not"; readonly e: Node }
  | { readonly k: "bin"; readonly op: string; readonly l: Node; readonly r: Node }
  | { readonly k: "call"; readonly fn: string; readonly args: readonly Node[] };

/** A parsed filter. */
export type Filter = (subject: FilterSubject) => boolean;

type Token =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "word"; readonly v: string }
  | { readonly t: "punct"; readonly v: string };

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return "unterminated string literal";
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ t: "str", v: value });
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ t: "punct", v: c });
      i++;
    } else if (/[0-9-]/.test(c)) {
      const match = /^-?\d+(?:\.\d+)?/.exec(text.slice(i));
      if (match === null) return `unexpected '${c}'`;
      tokens.push({ t: "num", v: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: "word", v: match[0] });
      i += match[0].length;
    } else {
      return `unexpected '${c}'`;
    }
  }
  return tokens;
}

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le", "in"]);
const FUNCTIONS = new Set(["length", "tolower", "toupper", "contains", "startswith", "endswith"]);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.t === "word" && t.v.toLowerCase() === word;
  }

  private isPunct(p: string): boolean {
    const t = this.peek();
    return t?.t === "punct" && t.v === p;
  }

  private expectPunct(p: string): void {
    if (!this.isPunct(p)) throw new Error(`expected '${p}'`);
    this.i++;
  }

  parse(): Node {
    const node = this.or();
    if (this.i < this.tokens.length) throw new Error("unexpected trailing input");
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord("or")) {
      this.i++;
      left = { k: "bin", op: "or", l: left, r: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.isWord("and")) {
      this.i++;
      left = { k: "bin", op: "and", l: left, r: this.not() };
    }
    return left;
  }

  private not(): Node {
    if (this.isWord("not")) {
      this.i++;
      return { k: "not", e: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.primary();
    const t = this.peek();
    if (t?.t === "word" && COMPARISONS.has(t.v.toLowerCase())) {
      this.i++;
      return { k: "bin", op: t.v.toLowerCase(), l: left, r: this.primary() };
    }
    return left;
  }

  private primary(): Node {
    const t = this.peek();
    if (t === undefined) throw new Error("unexpected end of filter");
    this.i++;
    if (t.t === "str" || t.t === "num") return { k: "lit", v: t.v };
    if (t.t === "punct") {
      if (t.v !== "(") throw new Error(`unexpected '${t.v}'`);
      const first = this.or();
      if (this.isPunct(",")) {
        const items = [first];
        while (this.isPunct(",")) {
          this.i++;
          items.push(this.or());
        }
        this.expectPunct(")");
        return { k: "list", items };
      }
      this.expectPunct(")");
      return first;
    }
    const word = t.v;
    const lower = word.toLowerCase();
    if (lower === "null") return { k: "lit", v: null };
    if (lower === "true" || lower === "false") return { k: "lit", v: lower === "true" };
    if (lower === "userid") return { k: "id", name: "userId" };
    if (lower === "connectionid") return { k: "id", name: "connectionId" };
    if (lower === "groups") return { k: "id", name: "groups" };
    if (FUNCTIONS.has(lower) && this.isPunct("(")) {
      this.i++;
      const args: Node[] = [];
      if (!this.isPunct(")")) {
        args.push(this.or());
        while (this.isPunct(",")) {
          this.i++;
          args.push(this.or());
        }
      }
      this.expectPunct(")");
      return { k: "call", fn: lower, args };
    }
    throw new Error(`unknown identifier '${word}'`);
  }
}

function evaluate(node: Node, s: FilterSubject): Value {
  switch (node.k) {
    case "lit":
      return node.v;
    case "id":
      return node.name === "groups" ? s.groups : node.name === "userId" ? s.userId : s.connectionId;
    case "list":
      return node.items.map((n) => evaluate(n, s));
    case "not":
      return evaluate(node.e, s) !== true;
    case "call": {
      const args = node.args.map((n) => evaluate(n, s));
      const [a, b] = args;
      switch (node.fn) {
        case "length":
          return typeof a === "string" ? a.length : null;
        case "tolower":
          return typeof a === "string" ? a.toLowerCase() : null;
        case "toupper":
          return typeof a === "string" ? a.toUpperCase() : null;
        case "contains":
          return typeof a === "string" && typeof b === "string" && a.includes(b);
        case "startswith":
          return typeof a === "string" && typeof b === "string" && a.startsWith(b);
        case "endswith":
          return typeof a === "string" && typeof b === "string" && a.endsWith(b);
        default:
          return null;
      }
    }
    case "bin": {
      if (node.op === "and") return evaluate(node.l, s) === true && evaluate(node.r, s) === true;
      if (node.op === "or") return evaluate(node.l, s) === true || evaluate(node.r, s) === true;
      const l = evaluate(node.l, s);
      const r = evaluate(node.r, s);
      switch (node.op) {
        case "eq":
          return l === r;
        case "ne":
          return l !== r;
        case "in":
          if (r instanceof Set) return typeof l === "string" && r.has(l);
          if (Array.isArray(r)) return r.includes(l);
          return l === r;
        default: {
          if (!(
            (typeof l === "number" && typeof r === "number") ||
            (typeof l === "string" && typeof r === "string")
          )) {
            return false;
          }
          if (node.op === "gt") return l > r;
          if (node.op === "ge") return l >= r;
          if (node.op === "lt") return l < r;
          return l <= r;
        }
      }
    }
  }
}

/** Parses a filter; returns an error message when it is not in the supported subset. */
export function parseFilter(text: string): Filter | string {
  if (text.length > 4096) return "the filter is too long";
  const tokens = tokenize(text);
  if (typeof tokens === "string") return `invalid filter: ${tokens}`;
  try {
    const root = new Parser(tokens).parse();
    return (subject) => evaluate(root, subject) === true;
  } catch (error) {
    return `invalid filter: ${(error as Error).message}`;
  }
}
