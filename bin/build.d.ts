// Types of bin/build.js (plain JavaScript: it runs before anything is built).
export declare const ROOT: string;
export declare const DIST: string;
export declare function sources(): string[];
export declare function isStale(what?: 'js' | 'types'): boolean;
export declare function buildJs(): Promise<number>;
export declare function buildTypes(): number;
export declare function ensureBuilt(opts?: { types?: boolean }): Promise<('js' | 'types')[]>;
