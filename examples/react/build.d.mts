/** Writes the example's `index.html` and `main.js` into `outdir` (default `examples/react/dist`); returns it. */
export function buildExample(outdir?: string): Promise<string>;
