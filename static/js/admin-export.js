// Binds django-import-export's "select all fields" toggle without an inline handler (CSP).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => window.onSelectToggleChange(event));
  });
});
