// The current period of a kind on a day, as the try-it form prefills it (kept beside the browser
// test so the test computes the expected value independently of editor/src/form.ts).
export function currentPeriodOf(kind: 'annual' | 'quarterly' | 'monthly', day: Date): string {
  const y = day.getFullYear(), m = day.getMonth() + 1;
  return kind === 'annual' ? String(y) : kind === 'monthly' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}
