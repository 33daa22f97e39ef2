/* Training material: language switch (remembered on the server) and open/download tracking.
   All visible text is rendered by the server; this script only toggles and posts data. */
function PptaMaterialBlock(runtime, element) {
  "use strict";
  var root = element.jquery ? element[0] : element;
  var buttons = root.querySelectorAll(".ppta-material__switch button[data-language]");
  var documents = root.querySelectorAll(".ppta-material__document");

  function post(handler, data) {
    return $.ajax({
      type: "POST", url: runtime.handlerUrl(root, handler), data: JSON.stringify(data),
      contentType: "application/json; charset=utf-8", dataType: "json"
    });
  }

  function show(language) {
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-language") === language));
    });
    Array.prototype.forEach.call(documents, function (doc) {
      var visible = doc.getAttribute("data-language") === language;
      var viewer = doc.querySelector("iframe[data-src]");
      if (visible && viewer) {  // load a document only when it is first shown
        viewer.setAttribute("src", viewer.getAttribute("data-src"));
        viewer.removeAttribute("data-src");
      }
      doc.hidden = !visible;
    });
  }

  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var language = button.getAttribute("data-language");
      show(language);
      post("select_language", {language: language});
    });
  });

  Array.prototype.forEach.call(root.querySelectorAll("a[data-action]"), function (link) {
    function record() {
      var doc = link.closest(".ppta-material__document");
      post("record_access", {action: link.getAttribute("data-action"), language: doc.getAttribute("data-language")});
    }
    link.addEventListener("click", record);  // mouse, Enter key, touch
    link.addEventListener("auxclick", function (event) {  // middle click: opens a tab without "click"
      if (event.button === 1) { record(); }
    });
  });
}
