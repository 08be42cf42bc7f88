// Pair each rich-text textarea with a Trix editor; the textarea keeps the value
// the form submits. Headings are <h2> (the page title is the only <h1>) and
// blocks are <p>, so stored HTML is semantic.
(function () {
  "use strict";
  function configure() {
    if (!window.Trix) return;
    Trix.config.blockAttributes.default.tagName = "p";
    Trix.config.blockAttributes.default.breakOnReturn = true;
    Trix.config.blockAttributes.heading1.tagName = "h2";
  }
  var counter = 0;
  function attach(textarea) {
    if (textarea.dataset.trixAttached) return;
    textarea.dataset.trixAttached = "1";
    var id = "rich-text-" + (++counter);
    var input = document.createElement("input");
    input.type = "hidden";
    input.id = id;
    input.value = textarea.value;
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", id);
    editor.setAttribute("dir", textarea.getAttribute("dir") || "auto");
    editor.className = "rich-text-editor";
    textarea.hidden = true;
    textarea.parentNode.insertBefore(input, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
    editor.addEventListener("trix-change", function () {
      textarea.value = input.value;
    });
    // Files are attached as documents, not pasted into the body.
    editor.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
  }
  configure();
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(attach);
  });
})();
