// Move keyboard and screen-reader focus to a form's error summary, so errors are announced
// and each one links to its field. External file: the CSP allows no inline scripts.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
