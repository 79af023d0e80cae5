// Exact rational numbers over BigInt: every value in kaohe is what exact rational arithmetic gives
// (LANGUAGE.md §4). Reported values are rounded half away from zero only where the language says so.
// Values are immutable and always normalized (gcd 1, positive denominator), so equal values have
// equal fields.

export class Rational {
  private constructor(readonly num: bigint, readonly den: bigint) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  static of(num: bigint, den = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with zero denominator');
    if (den < 0n) { num = -num; den = -den; }
    if (den === 1n) return new Rational(num, 1n);
    const g = gcd(num < 0n ? -num : num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  static int(n: number | bigint): Rational {
    return new Rational(BigInt(n), 1n);
  }

  /** Parses a decimal literal such as `12`, `-0.25`, `1e-3`; `percent` divides by 100. Undefined if malformed. */
  static parse(text: string, percent = false): Rational | undefined {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    let num = BigInt((m[2] || '0') + frac);
    let exp = -frac.length + (m[4] ? Number(m[4]) : 0) - (percent ? 2 : 0);
    if (m[1] === '-') num = -num;
    if (exp >= 0) return Rational.of(num * 10n ** BigInt(exp));
    return Rational.of(num, 10n ** BigInt(-exp));
  }

  /** Exact value of a JavaScript number as it is written in shortest round-trip form (JSON input). */
  static fromNumber(n: number): Rational {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return new Rational(BigInt(n), 1n);
    return Rational.parse(String(n))!;
  }

  add(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num + o.num, 1n);
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num - o.num, 1n);
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  /** Throws RangeError on division by zero: callers check `isZero()` and report an evaluation error. */
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational { return new Rational(-this.num, this.den); }
  abs(): Rational { return this.num < 0n ? this.neg() : this; }

  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den, r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean { return this.num === o.num && this.den === o.den; }
  lt(o: Rational): boolean { return this.cmp(o) < 0; }
  le(o: Rational): boolean { return this.cmp(o) <= 0; }
  gt(o: Rational): boolean { return this.cmp(o) > 0; }
  ge(o: Rational): boolean { return this.cmp(o) >= 0; }
  isZero(): boolean { return this.num === 0n; }
  isInteger(): boolean { return this.den === 1n; }
  sign(): -1 | 0 | 1 { return this.num < 0n ? -1 : this.num > 0n ? 1 : 0; }

  static min(a: Rational, b: Rational): Rational { return a.cmp(b) <= 0 ? a : b; }
  static max(a: Rational, b: Rational): Rational { return a.cmp(b) >= 0 ? a : b; }

  floor(): Rational {
    const q = this.num / this.den; // truncates toward zero
    return Rational.int(this.num < 0n && q * this.den !== this.num ? q - 1n : q);
  }
  ceil(): Rational { return this.neg().floor().neg(); }

  /** Rounded half away from zero (四舍五入) to `digits` decimals — the only rounding kaohe does. */
  round(digits: number): Rational {
    const scale = 10n ** BigInt(digits);
    const n = this.num < 0n ? -this.num : this.num;
    // floor((|x| * scale * 2 + 1) / 2) == round-half-up of |x| * scale
    const scaled = (n * scale * 2n + this.den) / (2n * this.den);
    return Rational.of(this.num < 0n ? -scaled : scaled, scale);
  }

  /** Decimal text with exactly `digits` decimals after rounding half away from zero. */
  toFixed(digits: number): string {
    const r = this.round(digits);
    const scale = 10n ** BigInt(digits);
    const scaled = r.num * (scale / r.den);
    const neg = scaled < 0n;
    const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
    const body = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
    return neg ? `-${body}` : body;
  }

  /** The value rounded half away from zero to `digits` decimals, as the nearest double (JSON output of
   * reported values). Fast path: for a scaled integer n < 2^53 and 10^digits ≤ 2^53, IEEE division
   * n / 10^digits is correctly rounded, so it equals parsing the decimal text. */
  toRoundedNumber(digits: number): number {
    const scale = 10n ** BigInt(digits);
    const n = this.num < 0n ? -this.num : this.num;
    const scaled = (n * scale * 2n + this.den) / (2n * this.den);
    if (digits <= 15 && scaled <= 9007199254740991n) {
      const v = Number(scaled) / 10 ** digits;
      return this.num < 0n && v !== 0 ? -v : v;
    }
    return Number(this.toFixed(digits));
  }

  /** Nearest double; exact for values that are doubles. Used only for JSON output of rounded values. */
  toNumber(): number {
    if (this.den === 1n) return Number(this.num);
    const text = this.toDecimalString(40);
    return Number(text);
  }

  /** Exact decimal if it terminates within `maxDigits`, else rounded to `maxDigits` decimals. */
  toDecimalString(maxDigits = 20): string {
    let d = this.den, twos = 0, fives = 0;
    while (d % 2n === 0n) { d /= 2n; twos++; }
    while (d % 5n === 0n) { d /= 5n; fives++; }
    const digits = d === 1n ? Math.max(twos, fives) : maxDigits;
    return trimZeros(this.toFixed(Math.min(digits, maxDigits)));
  }

  /** `num/den` exactly, or the integer. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  s = s.replace(/0+$/, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) { const t = a % b; a = b; b = t; }
  return a;
}
