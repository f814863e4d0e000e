// Live updates: an element with data-live="<stream url>" reloads the element data-live-target names (an htmx
// element with hx-get) whenever the stream says an appointment of its clinic changed. No other script is needed.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-live]").forEach((page) => {
    const stream = new EventSource(page.dataset.live);
    const target = document.querySelector(page.dataset.liveTarget);
    stream.addEventListener("open", () => page.setAttribute("data-live-state", "open"));
    stream.addEventListener("appointment", (event) => {
      page.setAttribute("data-live-last", event.data);
      if (target && window.htmx) {
        htmx.trigger(target, "live");
      }
    });
    stream.onerror = () => page.setAttribute("data-live-state", "reconnecting");
  });
});
