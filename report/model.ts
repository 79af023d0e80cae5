// The document model every printable paper is built as (issue 15): a feedback sheet (反馈面谈), the
// 公示名单, a 年度考核登记表, a result notice, a scheme in plain words. Builders (report/feedback,
// report/papers, report/scheme) produce this plain data from results and schemes; renderers
// (report/render/html.ts, …) turn it into HTML with print CSS or a workbook. Keeping the two apart is
// what lets one sentence generator serve the screen, the printer and the spreadsheet, and lets tests
// assert the numbers on a page without parsing HTML.
// Text here is final text in the document's language (already rendered from locale templates):
// renderers escape it and never translate.

import type { Locale } from '../dsl/i18n/index.js';

/** A run of text inside a paragraph: plain, emphasized, or a number (kept apart so tests and
 * renderers can find the figures a sentence states). */
export type Inline = string | { strong: string } | { num: string };

export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  /** A sentence or more; `runs` when parts need emphasis, else `text`. */
  | { kind: 'paragraph'; text?: string; runs?: Inline[]; tone?: 'note' | 'warning'; /** No first-line indent (a salutation: 张三同志：). */ flush?: boolean }
  | { kind: 'list'; ordered?: boolean; items: Inline[][] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][]; align?: ('left' | 'right' | 'center')[] }
  /** Label–value cells of a form (登记表): `wide` cells take a whole row; `lines` leaves that many blank lines for handwriting. */
  | { kind: 'fields'; items: { label: string; value?: string; wide?: boolean; lines?: number }[] }
  /** Blank ruled lines for notes written by hand (面谈记录). */
  | { kind: 'lines'; label: string; count: number }
  /** Signature and date places (本人签名：______ 日期：____年__月__日). */
  | { kind: 'signatures'; items: string[] };

/** One printed page (or more when it runs over): a person's sheet, one notice. */
export interface Page {
  title: string;
  subtitle?: string;
  blocks: Block[];
}

/** A whole printable file: one page, or one per person of a unit (each starts a new sheet of paper). */
export interface Doc {
  lang: Locale;
  /** The file's title (the browser tab, the PDF's name). */
  title: string;
  pages: Page[];
}
