// broadsheet — relative card dates ("3 hours ago"), for hydrate(root, { dates: 'relative' }).
// A module of its own: hydrate() imports it only when relative dates are asked for, so what
// render() fetches by default stays small. It binds nodes through widgets.js's own helpers, passed
// in, so that one registry of bindings serves both modules.

function localeOf(element, options) {
  if (options.locale) return options.locale;
  const tagged = element.closest('[lang]');
  const host = element.getRootNode()?.host;
  return (
    tagged?.lang ||
    host?.closest('[lang]')?.lang ||
    element.ownerDocument.documentElement.lang ||
    undefined
  );
}

// Shows card dates relative to now; the datetime attribute stays, and the absolute date the core
// wrote becomes the title (a tooltip), so nothing is lost. destroy() puts the text back.
export function relativeDates(root, options, { claim, within, relativeTime }) {
  const now = options.now === undefined ? new Date() : new Date(options.now);
  const undo = [];
  for (const time of within(root, 'time.bs-card-date[datetime]')) {
    const release = claim(time, () => {
      const date = new Date(time.getAttribute('datetime'));
      if (Number.isNaN(date.getTime()) || Number.isNaN(now.getTime())) return null;
      let words;
      try {
        words = relativeTime(date, now, localeOf(time, options));
      } catch {
        return null; // an invalid locale tag: keep the absolute date
      }
      const before = { text: time.textContent, title: time.getAttribute('title') };
      time.textContent = words;
      if (before.title === null) time.setAttribute('title', before.text);
      return () => {
        time.textContent = before.text;
        if (before.title === null) time.removeAttribute('title');
      };
    });
    if (release) undo.push(release);
  }
  return () => undo.forEach((step) => step());
}
