/** Files whose css`` templates the builds minify: the widgets' style modules (source or tsc output). */
export const STYLE_FILE: RegExp;
/** The css`` templates of `code`: where each one's text starts and ends, its raw pieces and interpolations (null pieces: not accepted). */
export function cssTemplates(code: string): { start: number; end: number; texts: string[] | null; holes: string[] }[];
/** The string a template literal's raw text stands for. */
export function cook(raw: string): string;
/** Raw template-literal text for `text`. */
export function uncook(text: string): string;
/** `code` with every css`` template it can minify safely minified. */
export function minifyCssTemplates(code: string): { code: string; minified: number; kept: number };
/** Vite/Rollup plugin for the plaza.js build. */
export function minifyCssVite(): import('vite').Plugin;
/** esbuild plugin. */
export function minifyCssEsbuild(): import('esbuild').Plugin;
