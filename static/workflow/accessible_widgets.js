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
    // nested in another. Once the tabs are built the link needs no href: jQuery UI finds
    // each panel from the tab's aria-controls, and is told the link is a local one.
    var tabbed = false;
    [window.jQuery, window.django && window.django.jQuery].forEach(function (jq) {
      if (!jq || !jq.ui || !jq.ui.tabs) return;
      tabbed = true;
      var proto = jq.ui.tabs.prototype;
      if (proto._newsroomUnnested) return;
      var isLocal = proto._isLocal;
      proto._isLocal = function (anchor) {
        return anchor.hasAttribute("data-href") || isLocal.call(this, anchor);
      };
      proto._newsroomUnnested = true;
    });
    if (!tabbed) return;
    document.querySelectorAll('.ui-tabs-nav li[role="tab"] > a[href]').forEach(function (link) {
      link.setAttribute("data-href", link.getAttribute("href"));
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

  // The widgets are built by other scripts at ready or load time, and select2 redraws on
  // every choice: name whatever appears, once the DOM has settled.
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.setTimeout(function () { pending = false; all(); }, 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    soon();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", soon);
})();
