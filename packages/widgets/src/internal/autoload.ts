/**
 * Loads an element's code the first time one of its tags is in the document: on start for what the page
 * already holds, then for elements added later (a MutationObserver on the document). Elements that a page
 * puts into a shadow root of its own are not seen there: `load(tag)` loads them by name.
 * A load that fails is logged and tried again when another element of that tag appears (or `load` is called);
 * `load` of a tag it does not know rejects with a TypeError naming the tags it knows.
 */
export function autoload(loaders: Record<string, () => Promise<unknown>>): (tag: string) => Promise<void> {
  const pending = new Map(Object.entries(loaders));
  const loading = new Map<string, Promise<void>>();
  const browser = typeof document !== 'undefined' && typeof MutationObserver !== 'undefined';
  let observer: MutationObserver | undefined;
  const watch = () => {
    if (observer || !browser || !pending.size) return;
    observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof Element && pending.size) scan(node);
    });
    observer.observe(document, { childList: true, subtree: true });
  };

  const load = (tag: string): Promise<void> => {
    const loader = pending.get(tag);
    if (!loader && !loading.has(tag)) {
      const known = Object.keys(loaders).join(', ');
      return Promise.reject(new TypeError(`<${tag}> is not a Plaza element (these are: ${known})`));
    }
    if (!loader) return loading.get(tag)!;
    pending.delete(tag);
    const promise = loader().then(
      () => undefined,
      (error: unknown) => {
        pending.set(tag, loader);
        loading.delete(tag);
        watch();
        console.error(`[plaza] could not load the code of <${tag}>`, error);
      },
    );
    loading.set(tag, promise);
    if (!pending.size) {
      observer?.disconnect();
      observer = undefined;
    }
    return promise;
  };
  const scan = (root: Element | Document) => {
    if (root instanceof Element && pending.has(root.localName)) void load(root.localName);
    if (!pending.size || !root.firstElementChild) return;
    for (const element of root.querySelectorAll([...pending.keys()].join(','))) void load(element.localName);
  };

  if (browser) {
    scan(document);
    watch();
  }
  return load;
}
