/* sphinx-msp-glossary: the filter of a glossary page (text typed, categories pressed). */
(function () {
function all(root, sel, fn) { root.querySelectorAll(sel).forEach(fn); }
function on(target, type, fn) { target.addEventListener(type, fn); }

/* The cards matching the text typed and the categories pressed. A card matches its name,
   expansion, aliases (data-msp-search) and definition. */
function glossary(box) {
  var input = box.querySelector(".msp-glossary__search"), empty = box.querySelector(".msp-glossary__empty");
  var bar = box.querySelector(".msp-glossary__categories"), cards = ".msp-term-card[data-msp-search]";
  if (!input || !empty) return;
  all(box, cards, function (card) {
    function part(name) { var el = card.querySelector(".msp-term-card__" + name); return el ? el.textContent : ""; }
    card.mspText = [part("name"), part("expansion"), card.dataset.mspSearch, part("definition")]
      .join(" ").toLowerCase().replace(/\s+/g, " ");
  });
  function press(b, yes) { b.setAttribute("aria-pressed", yes); }
  function filter() {
    var q = input.value.trim().toLowerCase().replace(/\s+/g, " "), chosen = [], any = false;
    if (bar) all(bar, "[aria-pressed=true]", function (b) { chosen.push(b.dataset.mspCategory); });
    all(box, ".msp-glossary__group", function (group) {
      var shown = false;
      all(group, cards, function (card) {
        card.hidden = card.mspText.indexOf(q) < 0 || chosen.length > 0 && chosen.indexOf(card.dataset.mspCategory) < 0;
        shown = shown || !card.hidden;
      });
      group.hidden = !shown;
      any = any || shown;
      var link = group.id && box.querySelector('.msp-glossary__letters a[href="#' + group.id + '"]');
      if (link) link.classList.toggle("is-filtered", !shown);
    });
    empty.hidden = any;
  }
  on(input, "input", filter);
  on(empty.querySelector("button"), "click", function () {
    input.value = "";
    if (bar) all(bar, "button", function (b) { press(b, false); });
    filter();
    input.focus();
  });
  if (bar) {
    all(bar, "button", function (b) {
      on(b, "click", function () { press(b, b.getAttribute("aria-pressed") != "true"); filter(); });
    });
    bar.hidden = false;
  }
  box.classList.add("msp-js");
  if (input.value) filter(); // restored on "back"
}

function init() { all(document, ".msp-glossary", glossary); }
if (document.readyState === "loading") on(document, "DOMContentLoaded", init); else init();
})();
