// Minifies the CSS inside Lit's css`…` templates of the widgets' style files (`*.styles.ts`) when they are
// built for shipping: esbuild minifies JavaScript but leaves template text alone, and about a fifth of the
// widgets' minified code is CSS. Used by the plaza.js build (vite.config.ts), the package build
// (build-package.mjs, on tsc's output) and bench/bundle-size.mjs, so the bench measures what ships.
//
// Conservative by design: a template is rewritten only when each piece of CSS between its `${…}`
// interpolations is a complete style sheet on its own (rules and at-rules, as when a shared css`` result is
// interpolated between rules) that esbuild minifies without a single warning. Anything else — an
// interpolation inside a declaration, an expression with quotes, braces or backticks, CSS esbuild does not
// understand — leaves that template exactly as written.
import { readFile } from 'node:fs/promises';
import { transformSync } from 'esbuild';

/** Files whose css`` templates are minified: the widgets' style modules, as TypeScript source or tsc's output. */
export const STYLE_FILE = /[\\/]packages[\\/]widgets[\\/](?:src|dist)[\\/].*\.styles\.(?:ts|js)$/;

const TAG = /\bcss\s*`/g; // tsc writes `css \`…\``
/** An interpolation the scanner accepts: a plain or dotted name (what the style files interpolate). */
const SIMPLE_HOLE = /^\s*[\w$.]+\s*$/;

/**
 * The templates of `code` tagged `css`: for each, where its text starts and ends (between the backticks) and
 * its pieces — raw text between interpolations and the interpolations' source — or null when the scanner
 * does not accept it.
 * @param {string} code
 * @returns {{ start: number, end: number, texts: string[] | null, holes: string[] }[]}
 */
export function cssTemplates(code) {
  const found = [];
  TAG.lastIndex = 0;
  for (let match = TAG.exec(code); match; match = TAG.exec(code)) {
    const start = match.index + match[0].length;
    const texts = [];
    const holes = [];
    let piece = start;
    let i = start;
    let ok = true;
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') i += 2;
      else if (code[i] === '$' && code[i + 1] === '{') {
        const close = code.indexOf('}', i + 2);
        const hole = close < 0 ? '' : code.slice(i + 2, close);
        if (close < 0 || !SIMPLE_HOLE.test(hole)) {
          ok = false;
          break;
        }
        texts.push(code.slice(piece, i));
        holes.push(hole);
        i = piece = close + 1;
      } else i += 1;
    }
    if (!ok || i >= code.length) {
      found.push({ start, end: start, texts: null, holes: [] });
      continue;
    }
    texts.push(code.slice(piece, i));
    found.push({ start, end: i, texts, holes });
    TAG.lastIndex = i + 1;
  }
  return found;
}

/** The string a template literal's raw text stands for (escapes applied). */
export function cook(raw) {
  return Function(`return \`${raw}\`;`)();
}

/** Like cook, but null for text with an escape a tagged template leaves undefined (such as `\\2014`). */
function cookOrNull(raw) {
  try {
    return cook(raw);
  } catch {
    return null;
  }
}

/** Raw template-literal text for `text`: backslashes, backticks and `${` escaped. */
export function uncook(text) {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/**
 * `css` without its comments and needless whitespace, or null when esbuild warns (then it is not a style sheet
 * on its own). Whitespace only: esbuild's other CSS rewrites (200ms → .2s, merged rules) would save little
 * more and make the result harder to hold to its source.
 */
function minifySheet(css) {
  if (css === null) return null;
  if (!css.trim()) return '';
  try {
    const result = transformSync(css, { loader: 'css', minifyWhitespace: true, logLevel: 'silent' });
    return result.warnings.length ? null : result.code.trim();
  } catch {
    return null;
  }
}

/**
 * `code` with the CSS of every css`` template it can minify minified; the rest of `code` is untouched.
 * @param {string} code
 * @returns {{ code: string, minified: number, kept: number }}
 */
export function minifyCssTemplates(code) {
  let out = '';
  let at = 0;
  let minified = 0;
  let kept = 0;
  for (const { start, end, texts, holes } of cssTemplates(code)) {
    const sheets = texts?.map((raw) => minifySheet(cookOrNull(raw)));
    if (!sheets || sheets.includes(null)) {
      kept += 1;
      continue;
    }
    const text = sheets.map((sheet, index) => uncook(sheet) + (index < holes.length ? `\${${holes[index]}}` : ''));
    out += code.slice(at, start) + text.join('');
    at = end;
    minified += 1;
  }
  return { code: out + code.slice(at), minified, kept };
}

/** Vite/Rollup plugin for the plaza.js build. */
export function minifyCssVite() {
  return {
    name: 'plaza-minify-css',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!STYLE_FILE.test(id.split('?')[0])) return null;
      const result = minifyCssTemplates(code);
      // A style module holds nothing to step through: an empty map rather than a wrong one.
      return result.minified ? { code: result.code, map: { mappings: '' } } : null;
    },
  };
}

/** esbuild plugin (bench/bundle-size.mjs). */
export function minifyCssEsbuild() {
  return {
    name: 'plaza-minify-css',
    setup(build) {
      build.onLoad({ filter: STYLE_FILE }, async ({ path }) => ({
        contents: minifyCssTemplates(await readFile(path, 'utf8')).code,
        loader: 'ts',
      }));
    },
  };
}
