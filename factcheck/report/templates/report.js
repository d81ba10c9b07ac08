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

  // A cell's id is its row's id and its side: r12-a, r12-b.
  function row(mark) { return mark.closest(".cell").id.replace(/-[ab]$/, ""); }

  // The two panes: the cells of a row get one height, and the panes scroll together
  // (keeping the offset that a finding whose figures lie in different rows left them at).
  function Panes(section) {
    var a = section.querySelector(".pane-a");
    var b = section.querySelector(".pane-b");
    var realign = section.querySelector(".realign");
    var offset = 0;

    this.level = function () {
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
    };

    function follow(from, to, delta) {
      var target = from.scrollTop + delta;
      if (Math.abs(to.scrollTop - target) > 1) { to.scrollTop = target; }
    }

    a.addEventListener("scroll", function () { follow(a, b, offset); });
    b.addEventListener("scroll", function () { follow(b, a, -offset); });
    realign.addEventListener("click", function () { offset = 0; realign.hidden = true; b.scrollTop = a.scrollTop; });

    // Scroll both versions' highlights of a finding into view.
    // Partners in one row keep the rows in step; partners in different rows each get centred.
    this.show = function (first, second) {
      offset = 0;
      first.scrollIntoView({ block: "center", inline: "nearest" });
      if (second) {
        if (row(first) === row(second)) {
          b.scrollTop = a.scrollTop;
          second.scrollIntoView({ block: "nearest", inline: "nearest" });
        } else {
          second.scrollIntoView({ block: "center", inline: "nearest" });
        }
        offset = b.scrollTop - a.scrollTop;
      }
      realign.hidden = Math.abs(offset) <= 1;
    };
  }

  // One verdict-and-note editor, on the finding in hand (a form for each of hundreds of
  // findings would slow the page down); it rewrites that finding's resolve command.
  function Editor(verdicts) {
    var box = document.createElement("div");
    var select = document.createElement("select");
    var note = document.createElement("input");
    var target = null;
    box.className = "editor";
    select.className = "verdict";
    select.setAttribute("aria-label", "verdict");
    [""].concat(verdicts).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value || "verdict…";
      select.appendChild(option);
    });
    note.type = "text";
    note.className = "note";
    note.placeholder = "note: what the desk checked";
    note.setAttribute("aria-label", "note");
    box.appendChild(select);
    box.appendChild(note);

    function update() {
      target.dataset.verdict = select.value;
      target.dataset.note = note.value;
      target.querySelector("code").textContent = command(target);
    }
    select.addEventListener("change", update);
    note.addEventListener("input", update);

    this.attach = function (resolve) {
      if (target === resolve) { return; }
      target = resolve;
      select.value = resolve.dataset.verdict || "";
      note.value = resolve.dataset.note || "";
      resolve.insertBefore(box, resolve.querySelector(".cmd"));
    };
  }

  // The command as rendered is BASE --verdict V --note N; BASE names the finding and the files.
  function command(resolve) {
    if (resolve.dataset.base === undefined) {
      var text = resolve.querySelector("code").textContent;
      resolve.dataset.base = text.slice(0, text.lastIndexOf(" --verdict "));
    }
    var note = (resolve.dataset.note || "").trim();
    return resolve.dataset.base + " --verdict " + (resolve.dataset.verdict || "VERDICT") +
      " --note " + (note ? quote(note) : "NOTE");
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

  function copy(button) {
    var code = button.parentNode.querySelector("code");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.textContent).then(function () { copied(button, "copied"); },
                                                          function () { selectText(code, button); });
    } else {
      selectText(code, button);
    }
  }

  var editor = new Editor((document.body.dataset.verdicts || "").split(" ").filter(Boolean));

  function current(item) {
    all(document, ".finding.current").forEach(function (el) { el.classList.remove("current"); });
    item.classList.add("current");
    editor.attach(item.querySelector(".resolve"));
  }

  // What the search box looks in: the figures, where they are, the reason, the id.
  function words(item) {
    if (item.dataset.words === undefined) {
      item.dataset.words = [".goto", ".reason", ".fid"].map(function (selector) {
        var part = item.querySelector(selector);
        return part ? part.textContent.replace(/\s+/g, " ") : "";
      }).join(" ").toLowerCase();
    }
    return item.dataset.words;
  }

  // The panel's status filters and search box.
  function setUpFilters(section) {
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
        var visible = on[item.dataset.status] && (!query || words(item).indexOf(query) >= 0);
        item.hidden = !visible;
        if (visible) { count += 1; }
      });
      shown.textContent = String(count);
      none.hidden = count > 0;
    }

    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    search.addEventListener("input", apply);
  }

  function setUp(section) {
    var panes = new Panes(section);
    var list = section.querySelector("ol.findings");
    var text = section.querySelector(".panes");

    function show(item) {
      var a = item.dataset.a ? document.getElementById(item.dataset.a) : null;
      var b = item.dataset.b ? document.getElementById(item.dataset.b) : null;
      if (!a && !b) { return; }
      panes.show(a || b, a && b ? b : null);
      [a, b].forEach(function (el) { if (el) { flash(el); } });
    }

    // A highlight in the text picks its finding in the panel.
    function pick(mark) {
      var item = document.getElementById(mark.dataset.finding);
      if (!item) { return; }
      current(item);
      if (!item.hidden) {
        var top = item.getBoundingClientRect().top - list.getBoundingClientRect().top;
        list.scrollTop += top - list.clientHeight / 3;
      }
      flash(mark);
    }

    setUpFilters(section);
    list.addEventListener("click", function (event) {
      var item = event.target.closest("li.finding");
      if (!item) { return; }
      current(item);
      if (event.target.closest(".goto")) { show(item); }
      var button = event.target.closest("button.copy");
      if (button) { copy(button); }
    });
    text.addEventListener("click", function (event) {
      var mark = event.target.closest("mark.fig");
      if (mark) { pick(mark); }
    });
    text.addEventListener("keydown", function (event) {
      var mark = event.target.closest("mark.fig");
      if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); pick(mark); }
    });
    return panes;
  }

  var panes = all(document, "section.comparison").map(setUp);
  function levelAll() { panes.forEach(function (p) { p.level(); }); }
  var resizing = 0;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(levelAll, 100); });
  window.matchMedia("print").addEventListener("change", levelAll);
  // Before the first frame is painted, not while the page loads: laying out the whole text is
  // the page's largest cost (and asking for document.fonts.ready forces it too).
  window.requestAnimationFrame(function () {
    levelAll();
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(levelAll); }
  });
}());
