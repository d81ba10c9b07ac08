/* factcheck HTML report: filters, search, jump to a finding, resolve commands. No requests. */
(function () {
  "use strict";

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  // Like Python's shlex.quote: safe words as they are, anything else in single quotes.
  function quote(word) {
    if (word === "") { return "''"; }
    if (/^[\w@%+=:,.\/-]+$/.test(word)) { return word; }
    return "'" + word.replace(/'/g, "'\"'\"'") + "'";
  }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;  // restart the animation
    el.classList.add("flash");
  }

  // The two panes: the cells of a row get one height, and the panes scroll together
  // (keeping the offset a finding with crossing partners left them at).
  function Panes(section) {
    var a = section.querySelector(".pane-a");
    var b = section.querySelector(".pane-b");
    var realign = section.querySelector(".realign");
    var offset = 0;

    function level() {
      var left = Array.prototype.slice.call(a.children);
      var right = Array.prototype.slice.call(b.children);
      left.concat(right).forEach(function (cell) { cell.style.height = ""; });
      var heights = left.map(function (cell, i) {
        return Math.max(cell.offsetHeight, right[i] ? right[i].offsetHeight : 0);
      });
      left.forEach(function (cell, i) {
        cell.style.height = heights[i] + "px";
        if (right[i]) { right[i].style.height = heights[i] + "px"; }
      });
    }

    function follow(from, to, delta) {
      var target = from.scrollTop + delta;
      if (Math.abs(to.scrollTop - target) > 1) { to.scrollTop = target; }
    }

    a.addEventListener("scroll", function () { follow(a, b, offset); });
    b.addEventListener("scroll", function () { follow(b, a, -offset); });
    realign.addEventListener("click", function () { offset = 0; realign.hidden = true; b.scrollTop = a.scrollTop; });

    // Scroll both versions' highlights of a finding into view.
    this.show = function (first, second) {
      offset = 0;
      first.scrollIntoView({ block: "center", inline: "nearest" });
      if (second) {
        second.scrollIntoView({ block: "center", inline: "nearest" });
        offset = b.scrollTop - a.scrollTop;
      }
      realign.hidden = Math.abs(offset) <= 1;
    };
    this.level = level;
    level();
  }

  function show(panes, item) {
    var a = item.dataset.a ? document.getElementById(item.dataset.a) : null;
    var b = item.dataset.b ? document.getElementById(item.dataset.b) : null;
    if (!a && !b) { return; }
    panes.show(a || b, a && b ? b : null);
    [a, b].forEach(function (el) { if (el) { flash(el); } });
    all(document, ".finding.current").forEach(function (el) { el.classList.remove("current"); });
    item.classList.add("current");
  }

  function setUp(section) {
    var panes = new Panes(section);
    var boxes = all(section, "input.filter");
    var search = section.querySelector("input.search");
    var items = all(section, "li.finding");
    var shown = section.querySelector(".shown-count");
    var none = section.querySelector(".none-shown");

    function apply() {
      var on = {};
      boxes.forEach(function (box) { on[box.value] = box.checked; });
      var query = search.value.trim().toLowerCase();
      var count = 0;
      items.forEach(function (item) {
        var visible = on[item.dataset.status] && (!query || item.dataset.search.indexOf(query) >= 0);
        item.hidden = !visible;
        if (visible) { count += 1; }
      });
      shown.textContent = String(count);
      none.hidden = count > 0;
    }

    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    search.addEventListener("input", apply);
    items.forEach(function (item) {
      item.querySelector(".goto").addEventListener("click", function () { show(panes, item); });
    });
    all(section, "mark.fig").forEach(function (mark) {
      mark.addEventListener("click", function () { pick(mark); });
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(mark); }
      });
    });
    apply();
    return panes;
  }

  // A highlight in the text picks its finding in the panel.
  function pick(mark) {
    var item = document.getElementById(mark.dataset.finding);
    if (!item) { return; }
    all(document, ".finding.current").forEach(function (el) { el.classList.remove("current"); });
    item.classList.add("current");
    if (!item.hidden) {
      var list = item.parentNode;
      list.scrollTop = item.offsetTop - list.offsetTop - list.clientHeight / 3;
    }
    flash(mark);
  }

  function command(box) {
    var verdict = box.querySelector("select.verdict").value || "VERDICT";
    var note = box.querySelector("input.note").value.trim() || "NOTE";
    return box.dataset.base + " --verdict " + verdict + " --note " + quote(note);
  }

  function copied(button, label) {
    button.textContent = label;
    setTimeout(function () { button.textContent = "copy"; }, 1600);
  }

  function selectText(code, button) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    copied(button, done ? "copied" : "press Ctrl+C");
  }

  function setUpResolve(box) {
    var code = box.querySelector("code");
    var button = box.querySelector("button.copy");
    function update() { code.textContent = command(box); }
    box.querySelector("select.verdict").addEventListener("change", update);
    box.querySelector("input.note").addEventListener("input", update);
    button.addEventListener("click", function () {
      var text = code.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { copied(button, "copied"); },
                                                  function () { selectText(code, button); });
      } else {
        selectText(code, button);
      }
    });
  }

  var panes = all(document, "section.comparison").map(setUp);
  function levelAll() { panes.forEach(function (p) { p.level(); }); }
  var resizing = 0;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(levelAll, 100); });
  window.matchMedia("print").addEventListener("change", levelAll);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(levelAll); }
  all(document, ".resolve").forEach(setUpResolve);
}());
