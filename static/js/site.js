// The site's own behaviour, all optional: every page works without it. External file: the
// CSP allows no inline scripts.

// Move keyboard and screen-reader focus to a form's error summary, so errors are announced
// and each one links to its field.
function focusErrorSummary() {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
}

// "My schedule": the sessions a visitor saves, kept in this browser only (localStorage, no
// account, nothing sent). Each session's "Save" button is a toggle (aria-pressed); the
// /my-schedule/ page asks the server for the saved ids (?s=3,7) and shows them.
const SCHEDULE_KEY = "cgt-my-schedule";

function readSchedule() {
  try {
    const ids = JSON.parse(window.localStorage.getItem(SCHEDULE_KEY) || "[]");
    return Array.isArray(ids) ? ids.filter((id) => Number.isInteger(id) && id > 0) : [];
  } catch {
    return [];
  }
}

function writeSchedule(ids) {
  try {
    window.localStorage.setItem(SCHEDULE_KEY, JSON.stringify(ids));
    return true;
  } catch {
    return false; // storage disabled or full: the button keeps its state
  }
}

function announce(text) {
  const status = document.getElementById("star-status");
  if (status && text) {
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  }
}

function scheduleQuery(ids) {
  return ids.length ? `?s=${ids.join(",")}` : "";
}

function setUpStars() {
  const buttons = document.querySelectorAll(".star-toggle[data-session]");
  if (!buttons.length) {
    return;
  }
  const saved = new Set(readSchedule());
  const status = document.getElementById("star-status");
  buttons.forEach((button) => {
    const id = Number(button.dataset.session);
    button.setAttribute("aria-pressed", saved.has(id) ? "true" : "false");
    button.hidden = false;
    button.addEventListener("click", () => {
      const ids = readSchedule();
      const index = ids.indexOf(id);
      const adding = index === -1;
      if (adding) {
        ids.push(id);
      } else {
        ids.splice(index, 1);
      }
      if (!writeSchedule(ids)) {
        return;
      }
      document
        .querySelectorAll(`.star-toggle[data-session="${id}"]`)
        .forEach((other) => other.setAttribute("aria-pressed", adding ? "true" : "false"));
      announce(status && (adding ? status.dataset.added : status.dataset.removed));
      updateSchedulePage(ids);
    });
  });
}

// On /my-schedule/: without ?s=, load the saved list from the server; after a change, keep
// the address and the calendar link in step with what is saved.
function updateSchedulePage(ids) {
  const page = document.querySelector("[data-schedule-page]");
  if (!page) {
    return;
  }
  const query = scheduleQuery(ids);
  window.history.replaceState(null, "", window.location.pathname + (query || "?s="));
  const link = document.getElementById("my-schedule-ics");
  if (link) {
    link.setAttribute("href", link.getAttribute("href").split("?")[0] + query);
    link.hidden = ids.length === 0;
  }
}

function loadSchedulePage() {
  const page = document.querySelector("[data-schedule-page]");
  if (!page || page.hasAttribute("data-asked")) {
    return;
  }
  const ids = readSchedule();
  if (ids.length) {
    window.location.replace(window.location.pathname + scheduleQuery(ids));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  focusErrorSummary();
  loadSchedulePage();
  setUpStars();
});
