/* sphinx-msp-glossary: term tooltips (hover, focus, touch). */
(function () {
var doc = document, me = doc.currentScript;
function all(root, sel, fn) { root.querySelectorAll(sel).forEach(fn); }
function on(target, type, fn) { target.addEventListener(type, fn); }

/* A reference's tooltip: its title, else the tooltip file's. */
var tip, cur, gone, timer, tap;
function text(el) {
  var d = self.mspGlossaryTips, id = el.dataset.mspTerm, t = el.dataset.mspTip;
  if (!t && d) t = id ? d.t[id] : el.hash && d.a[el.hash.slice(1)];
  return typeof t == "string" ? t : "";
}
function ref(node) {
  var el = node.closest && node.closest(".msp-term-ref");
  return el && text(el) && el;
}
function place(el) {
  var r = el.getBoundingClientRect(), first = el.getClientRects()[0] || r;
  var root = doc.documentElement, s = tip.style, m = 8;
  s.left = s.top = "0px";
  var h = tip.offsetHeight + 6, y = r.bottom + 6; // 6px gap, 8px from edges
  if (y + h > root.clientHeight && r.top - h >= m) y = r.top - h;
  s.left = Math.max(m, Math.min(first.left, root.clientWidth - tip.offsetWidth - m)) + "px";
  s.top = y + "px";
}
function show(el) {
  clearTimeout(timer);
  if (el === cur) return;
  hide();
  if (!tip) {
    tip = Object.assign(doc.createElement("div"), { className: "msp-tooltip", id: "msp-tooltip" });
    tip.setAttribute("role", "tooltip");
    on(tip, "mouseenter", function () { clearTimeout(timer); });
    on(tip, "mouseleave", later);
    doc.body.appendChild(tip);
  }
  cur = el;
  tip.textContent = text(el);
  tip.hidden = false;
  el.setAttribute("aria-describedby", tip.id);
  place(el);
}
function hide() {
  clearTimeout(timer);
  if (!cur) return;
  cur.removeAttribute("aria-describedby");
  cur = null;
  tip.hidden = true;
}
function later() { clearTimeout(timer); timer = setTimeout(hide, 120); }

function tooltips() {
  all(doc, ".msp-term-ref", function (el) {
    if (el.title) el.dataset.mspTip = el.title, el.removeAttribute("title"); // no native tooltip
    if (el.tagName !== "A" && (el.dataset.mspTip || el.dataset.mspTerm)) el.tabIndex = 0; // card-less: keyboard too
  });
  if (me) doc.head.appendChild(doc.createElement("script")).src = me.src.replace(/[^\/]*$/, "msp-glossary-tips.js");
  on(doc, "mouseover", function (e) { var el = ref(e.target); if (el && el !== gone) show(el); });
  on(doc, "mouseout", function (e) {
    var el = ref(e.target);
    if (!el || el.contains(e.relatedTarget)) return;
    if (el === gone) gone = null;
    if (el === cur) later();
  });
  on(doc, "focusin", function (e) { var el = ref(e.target); gone = null; if (el) show(el); });
  on(doc, "focusout", function (e) { if (ref(e.target) === cur) hide(); });
  // touch: a first tap shows the tooltip, a second follows the link
  on(doc, "pointerdown", function (e) { var el = ref(e.target); tap = e.pointerType === "touch" && el && el !== cur && el; });
  on(doc, "click", function (e) {
    var el = ref(e.target), first = el && el === tap;
    tap = null;
    if (first && el.tagName === "A") e.preventDefault();
    if (el && (first || el.tagName !== "A")) show(el);
    else if (!el && !(tip && tip.contains(e.target))) hide();
  });
  on(doc, "keydown", function (e) { if (e.key === "Escape" && cur) { gone = cur; hide(); } });
  function follow() { if (cur) place(cur); }
  addEventListener("scroll", follow, { passive: true });
  on(window, "resize", follow);
}

if (doc.readyState === "loading") on(doc, "DOMContentLoaded", tooltips); else tooltips();
})();
