// What the generator knows about the scheme it is writing: declared enums, panels, input fields and
// their types, lets, tables, indicators and grades — enough to write only well-typed expressions and
// inputs that satisfy the contract. Exported so engine tests can build inputs for a generated scheme.

import { ZH_KEYWORDS_LONGEST_FIRST, isReserved } from '../../dsl/keywords.js';
import type { Rng } from './rng.js';

export interface EnumInfo { name: string; members: string[]; ordered: boolean }
export interface PanelInfo {
  name: string;
  categories: { name: string; weight: number; min?: number }[];
  missing: 'renormalize' | 'zero' | 'error';
}

/** Input types. Numbers carry their inclusive bounds so values and defaults can respect them. */
export type Ty =
  | { k: 'number'; lo: number; hi: number; integer: boolean }
  | { k: 'bool' }
  | { k: 'text' }
  | { k: 'enum'; e: EnumInfo }
  | { k: 'list'; el: Ty; min: number }
  | { k: 'record'; fields: { name: string; ty: Ty }[] }
  | { k: 'ratings'; panel: PanelInfo };

export interface InputInfo { name: string; ty: Ty; required: boolean }

export interface SchemeModel {
  name: string;
  enums: EnumInfo[];
  panels: PanelInfo[];
  inputs: InputInfo[];
  tables: { name: string; e: EnumInfo }[];
  lets: { name: string; ty: 'number' | 'bool' }[];
  /** Indicators that apply to every subject (safe to refer to anywhere after them). */
  indicators: string[];
  /** Groups that apply to every subject. */
  groups: string[];
  grades: string[];
  pointsMode: boolean;
  total: number;
}

/** A value usable in an expression: its name (or path) and type. */
export interface Val { toks: string[]; ty: Ty }

const ZH_CHARS = '甲乙丙丁戊己庚辛壬癸张王赵钱孙李周吴郑冯陈卫蒋沈韩杨朱秦许何吕施孔曹严华金魏陶姜'.split('');
const EN_STEMS = ['x', 'v', 'k', 'q', 'w', 'z', 'p', 'u', 'h', 'j'];

/** Hands out fresh identifiers (Chinese or Latin) that are never keywords nor start with a Chinese one. */
export class Names {
  private n = 0;
  private readonly used = new Set<string>();
  constructor(private readonly r: Rng) {}

  fresh(): string {
    for (;;) {
      const i = this.n++;
      const name = this.r.bool(0.6)
        ? this.r.pick(ZH_CHARS) + this.r.pick(ZH_CHARS) + (i % 3 === 0 ? String(i) : '')
        : this.r.pick(EN_STEMS) + '_' + i;
      if (this.used.has(name) || isReserved(name) || ZH_KEYWORDS_LONGEST_FIRST.some((k) => name.startsWith(k))) continue;
      this.used.add(name);
      return name;
    }
  }
}
