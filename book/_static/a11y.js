/* Accessibility fixes for the published course site, applied when a page loads.
 *
 * Bibliography: docutils writes each entry of a citation list as
 *   <div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">
 * The DPUB-ARIA role doc-biblioentry is deprecated and is no list item, so assistive
 * technology (and axe's rule aria-required-children) finds a list without items. The
 * entries become plain list items; the list keeps its label-free markup.
 * (A `:list: bullet` bibliography would avoid this, but sphinxcontrib-bibtex then stops
 * resolving {cite} references to it.)
 *
 * Navigation: pydata-sphinx-theme opens and closes a sidebar entry's sub-pages (the
 * data tables under "Data tables") with a <details> whose <summary> holds only a chevron
 * icon, so a screen reader announces an unnamed control (axe: summary-name, serious).
 * Each such summary is named after its entry, e.g. "Data tables: show or hide the pages".
 *
 * Quizzes: jupyterquiz gives each multiple-choice option a visually hidden radio button
 * inside its <label class="MCButton">, so Tab reaches an option, Space chooses it and
 * the arrow keys move between options (each fires a click, which jupyterquiz answers
 * with feedback). Enter, which readers also try on something that looks like a button,
 * does nothing on a radio button; here it chooses the option too. The visible focus
 * ring is the course's (zhao_course.quiz: ".MCButton:focus-within").
 */
(function () {
  "use strict";
  function fixCitationLists() {
    document
      .querySelectorAll('.citation-list > [role="doc-biblioentry"]')
      .forEach(function (entry) {
        entry.setAttribute("role", "listitem");
      });
  }
  function nameSidebarToggles() {
    document.querySelectorAll("li.has-children > details > summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.hasAttribute("aria-label")) {
        return;
      }
      var link = summary.parentElement.parentElement.querySelector(":scope > a");
      var entry = link ? link.textContent.trim() : "";
      summary.setAttribute("aria-label", (entry ? entry + ": " : "") + "show or hide the pages");
    });
  }
  function chooseQuizOptionWithEnter(event) {
    if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var target = event.target;
    if (target && target.matches && target.matches("label.MCButton > input")) {
      event.preventDefault();
      target.click();
    }
  }
  document.addEventListener("keydown", chooseQuizOptionWithEnter);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fixCitationLists);
    document.addEventListener("DOMContentLoaded", nameSidebarToggles);
  } else {
    fixCitationLists();
    nameSidebarToggles();
  }
})();
