// Follow the system's light or dark setting with Bootstrap's colour modes, before the page
// paints, print in light colours whatever the screen shows, and mark that scripts run. Loaded in <head> without
// defer on purpose; an external file because the CSP allows no inline scripts.
(() => {
  const root = document.documentElement;
  // Scripts run: the menu may collapse behind its toggle (see .no-js in site.css).
  root.classList.replace("no-js", "js");
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => root.setAttribute("data-bs-theme", dark.matches ? "dark" : "light");
  apply();
  dark.addEventListener("change", apply);
  window.addEventListener("beforeprint", () => {
    root.setAttribute("data-bs-theme", "light");
    // Charts print with their data tables.
    document.querySelectorAll("details.chart-data").forEach((details) => {
      details.dataset.wasOpen = details.open ? "1" : "";
      details.open = true;
    });
  });
  window.addEventListener("afterprint", () => {
    apply();
    document.querySelectorAll("details.chart-data").forEach((details) => {
      details.open = details.dataset.wasOpen === "1";
    });
  });
})();
