/* sphinx-msp-glossary: category buttons, narrowing a glossary page's filter. Runs after
   msp-glossary.js: its text filter sets each card's hidden state, then this hides the cards
   of categories not chosen. No button pressed: every category. */
(function () {
function all(root, sel, fn) { root.querySelectorAll(sel).forEach(fn); }
function init() {
  all(document, ".msp-glossary__categories", function (bar) {
    var box = bar.closest(".msp-glossary"), input = box.querySelector(".msp-glossary__search");
    var empty = box.querySelector(".msp-glossary__empty"), clear = empty && empty.querySelector("button");
    function narrow() {
      var on = [], any = false;
      all(bar, "button[aria-pressed=true]", function (b) { on.push(b.dataset.mspCategory); });
      all(box, ".msp-glossary__group", function (group) {
        var shown = false;
        all(group, ".msp-term-card[data-msp-search]", function (card) {
          if (on.length && on.indexOf(card.dataset.mspCategory) < 0) card.hidden = true;
          shown = shown || !card.hidden;
        });
        group.hidden = !shown;
        any = any || shown;
        var link = group.id && box.querySelector('.msp-glossary__letters a[href="#' + group.id + '"]');
        if (link) link.classList.toggle("is-filtered", !shown);
      });
      if (empty) empty.hidden = any;
    }
    function refilter() { input.dispatchEvent(new Event("input")); } // the text filter, then narrow()
    if (!input) return;
    input.addEventListener("input", narrow);
    all(bar, "button", function (b) {
      b.addEventListener("click", function () {
        b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
        refilter();
      });
    });
    if (clear) clear.addEventListener("click", function () {
      all(bar, "button", function (b) { b.setAttribute("aria-pressed", "false"); });
      refilter();
    });
    bar.style.cssText = "display:flex;flex-wrap:wrap;gap:.3rem;margin:.5rem 0 1rem"; // no room in the stylesheet
    bar.hidden = false;
  });
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
