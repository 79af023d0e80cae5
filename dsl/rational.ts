// Exact rational numbers: every value in kaohe is what exact rational arithmetic gives (LANGUAGE.md §4).
// Reported values are rounded half away from zero only where the language says so.
// Values are immutable and always normalized (gcd 1, positive denominator), so equal values have
// equal fields.
//
// Representation (speed): numerator and denominator are JS numbers (safe integers) whenever both fit,
// else both BigInt. The form is canonical — a value that fits is ALWAYS stored as numbers — so `eq`
// can compare fields. Number arithmetic is checked: every product/sum of safe integers is tested
// against MAX_SAFE_INTEGER; the test is sound because rounding is monotonic and 2^53 is a double, so a
// true |result| > 2^53−1 rounds to ≥ 2^53 and is detected, while a true result ≤ 2^53−1 is computed
// exactly. Only then does the operation redo itself in BigInt.

const MAX = Number.MAX_SAFE_INTEGER;
const BMAX = 9007199254740991n, BMIN = -9007199254740991n;
/** 10^k as doubles, exact for k ≤ 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

type Int = number | bigint;

export class Rational {
  /** Internal fields: both numbers or both bigints (see the header). */
  private constructor(private readonly n: Int, private readonly d: Int) {}

  /** Numerator as a BigInt (the public, representation-independent view). */
  get num(): bigint { return BigInt(this.n); }
  /** Denominator as a BigInt, > 0. */
  get den(): bigint { return BigInt(this.d); }

  static readonly ZERO = new Rational(0, 1);
  static readonly ONE = new Rational(1, 1);
  static readonly HUNDRED = new Rational(100, 1);

  static of(num: bigint, den = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with zero denominator');
    if (den < 0n) { num = -num; den = -den; }
    if (den !== 1n) {
      const g = bgcd(num < 0n ? -num : num, den);
      if (g !== 1n) { num /= g; den /= g; }
    }
    return fromBig(num, den);
  }

  static int(n: number | bigint): Rational {
    if (typeof n === 'number') {
      if (Number.isSafeInteger(n)) return new Rational(n === 0 ? 0 : n, 1); // no −0
      return fromBig(BigInt(n), 1n);
    }
    return fromBig(n, 1n);
  }

  /** Parses a decimal literal such as `12`, `-0.25`, `1e-3`; `percent` divides by 100. Undefined if malformed. */
  static parse(text: string, percent = false): Rational | undefined {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    let num = BigInt((m[2] || '0') + frac);
    const exp = -frac.length + (m[4] ? Number(m[4]) : 0) - (percent ? 2 : 0);
    if (m[1] === '-') num = -num;
    if (exp >= 0) return Rational.of(num * 10n ** BigInt(exp));
    return Rational.of(num, 10n ** BigInt(-exp));
  }

  /** Exact value of a JavaScript number as it is written in shortest round-trip form (JSON input).
   * Fast path without text: if m = x·10^k is an integer with |m| < 10^15 and m / 10^k === x (IEEE
   * division of two exact doubles is correctly rounded, so the decimal m·10^-k rounds to x), that
   * decimal is THE shortest form: decimals of ≤ 15 significant digits are > 4 ulp apart, so at most one
   * of them rounds to x, and the shortest form has ≤ its digits. Otherwise the text path decides. */
  static fromNumber(n: number): Rational {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    // Unsafe integers keep the text path: their shortest form (1152921504606847000) is not their exact value.
    if (Number.isSafeInteger(n)) return Rational.int(n);
    const a = Math.abs(n);
    if (a < 1e15 && a >= 1e-6) {
      for (let k = 1; k <= 15; k++) {
        const m = a * POW10[k];
        if (m >= 1e15) break;
        if (Number.isInteger(m) && m / POW10[k] === a) {
          const p = POW10[k], g = gcd(m, p);
          return new Rational(n < 0 ? -m / g : m / g, p / g);
        }
      }
    }
    return Rational.parse(String(n))!;
  }

  add(o: Rational): Rational {
    const a = this.n, b = this.d, c = o.n, d = o.d;
    if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof d === 'number') {
      if (b === 1 && d === 1) { const s = a + c; if (s <= MAX && s >= -MAX) return new Rational(s, 1); }
      else if (b === d) { const s = a + c; if (s <= MAX && s >= -MAX) return norm(s, b); }
      else {
        const x = a * d, y = c * b, z = b * d;
        if (x <= MAX && x >= -MAX && y <= MAX && y >= -MAX && z <= MAX) {
          const s = x + y;
          if (s <= MAX && s >= -MAX) return norm(s, z);
        }
      }
    }
    return Rational.of(big(a) * big(d) + big(c) * big(b), big(b) * big(d));
  }
  sub(o: Rational): Rational { return this.add(o.neg()); }
  mul(o: Rational): Rational {
    const a = this.n, b = this.d, c = o.n, d = o.d;
    if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof d === 'number') {
      if (b === 1 && d === 1) { const p = a * c; if (p <= MAX && p >= -MAX) return new Rational(p === 0 ? 0 : p, 1); }
      else {
        // Cross-cancel first so the products stay small (both results already coprime).
        const g1 = gcd(a < 0 ? -a : a, d), g2 = gcd(c < 0 ? -c : c, b);
        const x = (a / g1) * (c / g2), y = (b / g2) * (d / g1);
        if (x <= MAX && x >= -MAX && y <= MAX) return new Rational(x === 0 ? 0 : x, x === 0 ? 1 : y);
      }
    }
    return Rational.of(big(a) * big(c), big(b) * big(d));
  }
  /** Throws RangeError on division by zero: callers check `isZero()` and report an evaluation error. */
  div(o: Rational): Rational {
    if (o.isZero()) throw new RangeError('Rational with zero denominator');
    return this.mul(o.inv());
  }
  private inv(): Rational {
    const n = this.n, d = this.d;
    if (typeof n === 'number') return n < 0 ? new Rational(-(d as number), -n) : new Rational(d, n);
    return (n as bigint) < 0n ? new Rational(-(d as bigint), -(n as bigint)) : new Rational(d, n);
  }
  neg(): Rational {
    const n = this.n;
    if (typeof n === 'number') return n === 0 ? this : new Rational(-n, this.d);
    return new Rational(-n, this.d);
  }
  abs(): Rational { return this.sign() < 0 ? this.neg() : this; }

  cmp(o: Rational): -1 | 0 | 1 {
    const a = this.n, b = this.d, c = o.n, d = o.d;
    if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof d === 'number') {
      if (b === d) return a < c ? -1 : a > c ? 1 : 0;
      const l = a * d, r = c * b;
      if (l <= MAX && l >= -MAX && r <= MAX && r >= -MAX) return l < r ? -1 : l > r ? 1 : 0;
    }
    const l = big(a) * big(d), r = big(c) * big(b);
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean { return this.n === o.n && this.d === o.d; }
  lt(o: Rational): boolean { return this.cmp(o) < 0; }
  le(o: Rational): boolean { return this.cmp(o) <= 0; }
  gt(o: Rational): boolean { return this.cmp(o) > 0; }
  ge(o: Rational): boolean { return this.cmp(o) >= 0; }
  // 0 never occurs in the bigint form (canonical); an integer too big for a number has den 1n.
  isZero(): boolean { return this.n === 0; }
  isInteger(): boolean { return this.d === 1 || this.d === 1n; }
  sign(): -1 | 0 | 1 { const n = this.n; return n < 0 ? -1 : n > 0 ? 1 : 0; }

  static min(a: Rational, b: Rational): Rational { return a.cmp(b) <= 0 ? a : b; }
  static max(a: Rational, b: Rational): Rational { return a.cmp(b) >= 0 ? a : b; }

  floor(): Rational {
    const n = this.n, d = this.d;
    if (typeof n === 'number' && typeof d === 'number') {
      if (d === 1) return this;
      const r = n % d; // exact; sign of n
      const q = (n - r) / d; // exact: n − r is a multiple of d
      return Rational.int(r < 0 ? q - 1 : q);
    }
    const bn = big(n), bd = big(d);
    const q = bn / bd; // truncates toward zero
    return Rational.int(bn < 0n && q * bd !== bn ? q - 1n : q);
  }
  ceil(): Rational { return this.neg().floor().neg(); }

  /** |x|·10^digits rounded half up, as a non-negative safe integer, or undefined if it may not fit. */
  private scaledSmall(digits: number): number | undefined {
    const n = this.n, d = this.d;
    if (typeof n !== 'number' || digits > 15) return undefined;
    const t = (n < 0 ? -n : n) * POW10[digits];
    if (t > MAX) return undefined;
    const dd = d as number;
    const r = t % dd; // exact for doubles; t − r is then an exact multiple of dd
    const q = (t - r) / dd;
    return 2 * r >= dd ? q + 1 : q; // 2r ≤ 2^54 is exact (a power-of-two scaling)
  }

  /** Rounded half away from zero (四舍五入) to `digits` decimals — the only rounding kaohe does. */
  round(digits: number): Rational {
    const s = this.scaledSmall(digits);
    if (s !== undefined) {
      const p = POW10[digits], g = gcd(s, p);
      return new Rational(this.sign() < 0 && s !== 0 ? -s / g : s / g, s === 0 ? 1 : p / g);
    }
    const num = big(this.n), den = big(this.d);
    const scale = 10n ** BigInt(digits);
    const a = num < 0n ? -num : num;
    // floor((|x| * scale * 2 + 1) / 2) == round-half-up of |x| * scale
    const scaled = (a * scale * 2n + den) / (2n * den);
    return Rational.of(num < 0n ? -scaled : scaled, scale);
  }

  /** Decimal text with exactly `digits` decimals after rounding half away from zero. */
  toFixed(digits: number): string {
    const small = this.scaledSmall(digits);
    if (small !== undefined) {
      // |x|·10^digits rounded, a safe integer: its decimal digits with the point put back.
      const t = small.toString().padStart(digits + 1, '0');
      const body = digits ? `${t.slice(0, -digits)}.${t.slice(-digits)}` : t;
      return this.sign() < 0 && small !== 0 ? `-${body}` : body;
    }
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
    const s = this.scaledSmall(digits);
    if (s !== undefined) {
      const v = s / POW10[digits];
      return this.sign() < 0 && v !== 0 ? -v : v;
    }
    const num = big(this.n), den = big(this.d);
    const scale = 10n ** BigInt(digits);
    const n = num < 0n ? -num : num;
    const scaled = (n * scale * 2n + den) / (2n * den);
    if (digits <= 15 && scaled <= BMAX) {
      const v = Number(scaled) / 10 ** digits;
      return num < 0n && v !== 0 ? -v : v;
    }
    return Number(this.toFixed(digits));
  }

  /** Nearest double; exact for values that are doubles. Used only for JSON output of rounded values. */
  toNumber(): number {
    if (this.isInteger()) return Number(this.n);
    const text = this.toDecimalString(40);
    return Number(text);
  }

  /** Exact decimal if it terminates within `maxDigits`, else rounded to `maxDigits` decimals. */
  toDecimalString(maxDigits = 20): string {
    if (typeof this.d === 'number') {
      let d = this.d, twos = 0, fives = 0;
      while (d % 2 === 0) { d /= 2; twos++; }
      while (d % 5 === 0) { d /= 5; fives++; }
      const digits = d === 1 ? Math.max(twos, fives) : maxDigits;
      return trimZeros(this.toFixed(Math.min(digits, maxDigits)));
    }
    let d = big(this.d), twos = 0, fives = 0;
    // Beyond 10^maxDigits it cannot end within maxDigits: said at once, since counting its factors of
    // 2 and 5 takes a division of the whole number per factor — minutes for the 100,000-digit
    // denominator of a long decimal in a request (hostile X14).
    if (d.toString(16).length * 4 - 4 > maxDigits * 3.322) return trimZeros(this.toFixed(maxDigits));
    while (d % 2n === 0n) { d /= 2n; twos++; }
    while (d % 5n === 0n) { d /= 5n; fives++; }
    const digits = d === 1n ? Math.max(twos, fives) : maxDigits;
    return trimZeros(this.toFixed(Math.min(digits, maxDigits)));
  }

  /** `num/den` exactly, or the integer. */
  toString(): string {
    return this.isInteger() ? this.n.toString() : `${this.n}/${this.d}`;
  }
}

/** Canonical form from normalized BigInts: numbers when both fit. */
function fromBig(n: bigint, d: bigint): Rational {
  const R = Rational as unknown as new (n: Int, d: Int) => Rational;
  if (n <= BMAX && n >= BMIN && d <= BMAX) return new R(Number(n), Number(d));
  return new R(n, d);
}

/** Normalizes safe-integer n / d with d > 0. */
function norm(n: number, d: number): Rational {
  const R = Rational as unknown as new (n: Int, d: Int) => Rational;
  if (n === 0) return new R(0, 1);
  const g = gcd(n < 0 ? -n : n, d);
  return new R(n / g, d / g);
}

const big = (x: Int): bigint => (typeof x === 'bigint' ? x : BigInt(x));

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  s = s.replace(/0+$/, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** gcd of non-negative safe integers (exact: % on doubles is exact). */
function gcd(a: number, b: number): number {
  while (b !== 0) { const t = a % b; a = b; b = t; }
  return a;
}

function bgcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) { const t = a % b; a = b; b = t; }
  return a;
}
