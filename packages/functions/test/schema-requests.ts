/**
 * Values generated from the API document's own JSON Schemas: whatever it
 * makes is valid per the document (types, bounds, lengths, patterns, enums,
 * formats, required and forbidden properties). Seeded, so a failing run can
 * be repeated.
 */
export type Schema = Record<string, any>;

export class SchemaValues {
  private seed: number;

  constructor(
    private readonly root: Schema,
    seed = 1,
    /** Values to prefer for a named property or parameter (real ids), taken 3 times in 4. */
    private readonly known: Record<string, () => unknown> = {},
  ) {
    this.seed = seed;
  }

  random(): number {
    // mulberry32
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)]!;
  }

  resolve(schema: Schema): Schema {
    let current = schema;
    while (current.$ref) {
      current = (current.$ref as string)
        .slice(2)
        .split("/")
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((node: Schema, key) => node[key], this.root);
    }
    return current;
  }

  value(raw: Schema, name = ""): unknown {
    const schema = this.resolve(raw);
    const known = this.known[name];
    if (known && this.random() < 0.75) return known();
    if ("const" in schema) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) return this.value(this.pick(choices), name);
    const type = Array.isArray(schema.type) ? this.pick(schema.type) : schema.type;
    switch (type) {
      case "string":
        return this.string(schema);
      case "integer":
        return this.int(schema.minimum ?? 0, Math.min(schema.maximum ?? 1000, (schema.minimum ?? 0) + 100_000));
      case "number": {
        const min = schema.minimum ?? 0;
        const max = schema.maximum ?? 1_000_000;
        const cents = this.random() < 0.3 ? this.int(0, 10) : this.int(0, Math.min(max - min, 1e12) * 100);
        return schema.multipleOf === 0.01 ? Math.round(min * 100 + cents) / 100 : min + Math.floor(cents / 100);
      }
      case "boolean":
        return this.random() < 0.5;
      case "null":
        return null;
      case "array": {
        const count = this.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3));
        return Array.from({ length: count }, () => this.value(schema.items ?? {}));
      }
      case "object":
      default:
        return this.object(schema);
    }
  }

  object(schema: Schema): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required: string[] = schema.required ?? [];
    for (const [key, property] of Object.entries<Schema>(schema.properties ?? {})) {
      if (required.includes(key) || this.random() < 0.5) out[key] = this.value(property, key);
    }
    return out;
  }

  string(schema: Schema): string {
    const min = schema.minLength ?? 0;
    const max = Math.min(schema.maxLength ?? 40, min + 40);
    if (schema.format === "date") return `20${this.int(24, 40)}-${String(this.int(1, 12)).padStart(2, "0")}-${String(this.int(1, 28)).padStart(2, "0")}`;
    if (schema.format === "date-time") return new Date(Date.UTC(2026, this.int(0, 11), this.int(1, 28))).toISOString();
    if (schema.format === "email") return `gen-${this.int(0, 1e9).toString(36)}@example.com`.slice(0, Math.max(max, 20));
    if (schema.format === "uri") return `https://example.com/${this.int(0, 1e6)}`;
    const pattern: string | undefined = schema.pattern;
    if (pattern?.startsWith("^") && pattern.endsWith("$")) return fromPattern(pattern.slice(1, -1), this);
    if (pattern?.startsWith("^")) return fromPattern(pattern.slice(1), this) + "example.com/x";
    const length = this.int(Math.max(min, 1), Math.max(max, 1));
    const words = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
    let text = Array.from({ length }, () => this.pick([...words])).join("");
    if (/^\s|\s$/.test(text) || !/\S/.test(text)) text = `x${text.trim()}`.slice(0, Math.max(length, 1));
    return text;
  }
}

/** A string matching a pattern of literals, classes, groups and quantifiers (what the document uses). */
export function fromPattern(source: string, values: SchemaValues): string {
  let i = 0;
  const atom = (): (() => string) => {
    const c = source[i++]!;
    if (c === "\\") return escapeClass(source[i++]!);
    if (c === "[") {
      const chars: string[] = [];
      while (source[i] !== "]") {
        let from = source[i++]!;
        if (from === "\\") from = source[i++]!;
        if (source[i] === "-" && source[i + 1] !== "]") {
          const to = source[i + 1] === "\\" ? source[i + 2]! : source[i + 1]!;
          i += source[i + 1] === "\\" ? 3 : 2;
          for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
        } else chars.push(from);
      }
      i++;
      return () => values.pick(chars);
    }
    if (c === "(") {
      const start = i;
      let depth = 1;
      while (depth) {
        if (source[i] === "(") depth++;
        if (source[i] === ")") depth--;
        i++;
      }
      const inner = source.slice(start, i - 1);
      return () => fromPattern(inner, values);
    }
    return () => c;
  };
  const escapeClass = (c: string): (() => string) => {
    if (c === "d") return () => String(values.int(0, 9));
    if (c === "S" || c === "w") return () => values.pick([..."abcxyz019"]);
    return () => c;
  };
  let out = "";
  while (i < source.length) {
    const make = atom();
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === "?") [min, max, i] = [0, 1, i + 1];
    else if (q === "*") [min, max, i] = [0, 3, i + 1];
    else if (q === "+") [min, max, i] = [1, 3, i + 1];
    else if (q === "{") {
      const end = source.indexOf("}", i);
      const [a, b] = source.slice(i + 1, end).split(",");
      min = Number(a);
      max = b === undefined ? min : b === "" ? min + 3 : Math.min(Number(b), min + 12);
      i = end + 1;
    }
    const count = values.int(min, max);
    for (let n = 0; n < count; n++) out += make();
  }
  return out;
}
