// Accessible names for the third-party widgets of an item's form, which ship without
// them: Trix editors, select2 autocompletes, jQuery UI's language tabs, modeltranslation's
// language switch and the tabular inlines' cells. Screen readers (and axe-core) need them.
(function () {
  "use strict";
  var LANGUAGES = ["en", "ar", "ckb"];

  function labelFor(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/[:\s]+$/, "").trim() : "";
  }

  function languageOf(name) {
    var code = (name || "").split("_").pop();
    return LANGUAGES.indexOf(code) >= 0 ? " (" + code + ")" : "";
  }

  function nameEditors() {
    document.querySelectorAll(".rich-text").forEach(function (box) {
      var textarea = box.querySelector("textarea");
      var editor = box.querySelector("trix-editor");
      if (textarea && editor && !editor.getAttribute("aria-label")) {
        editor.setAttribute("aria-label", labelFor(textarea.id) || textarea.name);
      }
    });
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      container.querySelectorAll(".select2-search__field").forEach(function (input) {
        input.setAttribute("aria-label", labelFor(select.id) || select.name);
      });
      // The chosen values are drawn as a list whose items are not all plain list items.
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "presentation");
        list.querySelectorAll(":scope > li").forEach(function (item) {
          item.setAttribute("role", "presentation");
        });
      });
    });
  }

  function unnestTabs() {
    // jQuery UI makes each <li> the tab and leaves a focusable link inside it: one control
    // nested in another. After set-up the tabs work from aria-controls, not the link.
    document.querySelectorAll('.ui-tabs-nav li[role="tab"] > a[href]').forEach(function (link) {
      link.dataset.href = link.getAttribute("href");
      link.removeAttribute("href");
    });
  }

  function nameSwitchAndCells(names) {
    var switcher = document.getElementById("modeltranslation-main-switch");
    if (switcher && !switcher.getAttribute("aria-label")) {
      switcher.setAttribute("aria-label", names.dataset.languageSwitch || "Language");
    }
    // A tabular inline's cells are named by their column's header.
    document.querySelectorAll(".tabular table").forEach(function (table) {
      if (!table.tHead) return;
      table.querySelectorAll("tbody input, tbody select, tbody textarea").forEach(function (input) {
        if (input.type === "hidden" || input.getAttribute("aria-label") || labelFor(input.id)) return;
        var cell = input.closest("td");
        var header = cell && table.tHead.rows[0].cells[cell.cellIndex];
        var name = header ? header.textContent.trim() : "";
        if (name) input.setAttribute("aria-label", name + languageOf(input.name));
      });
    });
  }

  function all() {
    var names = document.getElementById("workflow-widget-names") || document.body;
    nameEditors();
    nameAutocompletes();
    unnestTabs();
    nameSwitchAndCells(names);
  }

  window.addEventListener("load", all);
  // select2 redraws its list on every choice, and inline rows are added later.
  document.addEventListener("change", function () { window.setTimeout(all, 0); });
  document.addEventListener("formset:added", function () { window.setTimeout(all, 0); });
})();
