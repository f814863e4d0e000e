// Live updates: an element with data-live="<stream url>" reloads the element data-live-target names (an htmx
// element with hx-get) whenever the stream says an appointment of its clinic changed. No other script is needed.
// data-live-last and data-live-count say what came last and how many came (for tests).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-live]").forEach((page) => {
    const stream = new EventSource(page.dataset.live);
    const target = document.querySelector(page.dataset.liveTarget);
    stream.addEventListener("open", () => page.setAttribute("data-live-state", "open"));
    stream.addEventListener("appointment", (event) => {
      page.setAttribute("data-live-last", event.data);
      page.setAttribute("data-live-count", String(Number(page.getAttribute("data-live-count") || 0) + 1));
      if (target && window.htmx) {
        htmx.trigger(target, "live");
      }
    });
    stream.onerror = () => page.setAttribute("data-live-state", "reconnecting");
  });
});
