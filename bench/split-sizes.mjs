// Sizes of a code-split esbuild result (write: false, metafile: true), shared by bench/bundle-size.mjs and
// bench/peers.mjs so that Plaza and its peers are counted the same way.
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** How a file is counted: gzipped on its own at level 9, as a server sends it. */
export const gzipSize = (code) => gzipSync(code, { level: 9 }).length;

/** The output files a page loads before the entry runs: the entry file and every chunk it imports statically. */
export function eagerOutputs(result) {
  const outputs = result.metafile.outputs;
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path].imports)
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(Object.keys(outputs).find((path) => outputs[path].entryPoint));
  return eager;
}

/**
 * What a page loads before the entry runs — the entry file and every chunk it imports statically, each gzipped
 * on its own (level 9) as a server sends them — and, apart, the chunks loaded on demand (`lazy`: their
 * min+gzip bytes, or null when there are none). `cwd` is the build's working directory (metafile paths are
 * relative to it).
 */
export function splitSizes(result, cwd) {
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  const outputs = result.metafile.outputs;
  const eager = eagerOutputs(result);
  const size = (paths) => {
    let min = 0;
    let gzip = 0;
    for (const path of paths) {
      const code = files.get(resolve(cwd, path));
      min += code.length;
      gzip += gzipSize(code);
    }
    return { min, gzip };
  };
  const lazy = Object.keys(outputs).filter((path) => !eager.has(path) && !path.endsWith('.map'));
  return { ...size(eager), lazy: lazy.length ? size(lazy).gzip : null };
}
