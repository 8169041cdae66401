/* Accessibility fixes for the published course site, applied when a page loads.
 *
 * Bibliography: docutils writes each entry of a citation list as
 *   <div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">
 * The DPUB-ARIA role doc-biblioentry is deprecated and is no list item, so assistive
 * technology (and axe's rule aria-required-children) finds a list without items. The
 * entries become plain list items; the list keeps its label-free markup.
 * (A `:list: bullet` bibliography would avoid this, but sphinxcontrib-bibtex then stops
 * resolving {cite} references to it.)
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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fixCitationLists);
  } else {
    fixCitationLists();
  }
})();
