// Small DOM helpers shared by the batch section's modules. Every element is built with textContent and
// attributes: a locality name or a cell is never markup.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv;charset=utf-8';

/** A new element: `props` are attributes, except `class`, `text` (its textContent) and `on…` (listeners). */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, String(v));
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Saves `bytes` as a file called `name`. */
export function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A count with thousands separators (1,234,567). */
export const group = (n) => Number(n).toLocaleString('zh-CN');

// Lets the browser handle input and paint between slices of work.
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
export function yieldToBrowser() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  if (!channel) return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

export const nextFrame = () => new Promise((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 0)));

// requestIdleCallback, or (Safari) a timer with a 20 ms deadline of its own.
export const whenIdle = (fn) => {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(fn);
  return setTimeout(() => {
    const end = performance.now() + 20;
    fn({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 50);
};
