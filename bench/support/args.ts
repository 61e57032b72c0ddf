/** Tiny argv reader for benchmarks: `--name value`, `--name=value` and bare `--flag`. */
export class BenchArgs {
  private readonly values = new Map<string, string>();
  private readonly flags = new Set<string>();

  constructor(argv: readonly string[] = process.argv.slice(2)) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (options look like --name value)`);
      const eq = arg.indexOf('=');
      if (eq > 0) {
        this.values.set(arg.slice(2, eq), arg.slice(eq + 1));
        continue;
      }
      const name = arg.slice(2);
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        this.values.set(name, next);
        i++;
      } else this.flags.add(name);
    }
  }

  /** A positive integer; accepts 10000, 10_000, 10k, 1m. */
  int(name: string, fallback: number): number {
    const raw = this.values.get(name);
    if (raw === undefined) return fallback;
    const m = /^(\d[\d_]*)([km]?)$/i.exec(raw.trim());
    if (!m) throw new Error(`--${name} must be a whole number (e.g. 10000, 10k, 1m), not "${raw}"`);
    const base = Number.parseInt((m[1] ?? '').replace(/_/g, ''), 10);
    const scale = (m[2] ?? '').toLowerCase() === 'k' ? 1_000 : (m[2] ?? '').toLowerCase() === 'm' ? 1_000_000 : 1;
    return base * scale;
  }

  string(name: string): string | undefined {
    return this.values.get(name);
  }

  flag(name: string): boolean {
    return this.flags.has(name) || this.values.get(name) === 'true';
  }

  /** Every option name given, to reject typos. */
  names(): string[] {
    return [...this.values.keys(), ...this.flags];
  }

  rejectUnknown(known: readonly string[]): void {
    const unknown = this.names().filter((n) => !known.includes(n));
    if (unknown.length > 0) throw new Error(`unknown option(s): ${unknown.map((n) => `--${n}`).join(', ')}; known: ${known.map((n) => `--${n}`).join(', ')}`);
  }
}
