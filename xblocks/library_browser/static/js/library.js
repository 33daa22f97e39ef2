/* Library browser: submits the search form and the pager to the block's `search` handler and shows
   the server-rendered (already translated) result list. No text is built here. */
function PptaLibraryBlock(runtime, element, args) {
  "use strict";
  var root = element.jquery ? element[0] : element;
  var form = root.querySelector(".ppta-library__form");
  var results = root.querySelector(".ppta-library__results");
  var status = root.querySelector(".ppta-library__summary");

  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll("input[name='" + name + "']:checked"), function (box) {
      return box.value;
    });
  }

  function search(page, focusResults) {
    var query = {
      q: form.elements.q.value, areas: checked("areas"), types: checked("types"),
      language: form.elements.language.value, page: page
    };
    results.setAttribute("aria-busy", "true");
    $.ajax({
      type: "POST", url: runtime.handlerUrl(root, "search"), data: JSON.stringify(query),
      contentType: "application/json; charset=utf-8", dataType: "json"
    }).done(function (data) {
      results.innerHTML = data.html;  // rendered and escaped by the server's template
      status.textContent = data.summary;
      var list = results.querySelector(".ppta-library__list");
      if (focusResults && list) { list.focus(); }
    }).fail(function () {
      status.textContent = args.error;
    }).always(function () {
      results.removeAttribute("aria-busy");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(1, false);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "q") { search(1, false); }
  });
  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-page]");
    if (button && !button.disabled) { search(parseInt(button.getAttribute("data-page"), 10), true); }
  });
}
