// China's calendar day of an instant: 公示 days are China's (UTC+8, no daylight saving), whatever the
// server's zone — the 公示's `until` sent as an instant, today's date, and the day a round record
// (a 公示 entered late, a void) was made as the papers and the 404 of a voided round say it.

/** China's UTC+8. */
const CHINA_MS = 8 * 60 * 60 * 1000;

export const chinaDay = (ms: number): string => new Date(ms + CHINA_MS).toISOString().slice(0, 10);

/** China's day of a stored ISO instant (`at` of a record). */
export const chinaDayOf = (iso: string): string => chinaDay(Date.parse(iso));
