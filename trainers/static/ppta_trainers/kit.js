// Polls the kit's status while it is being built; shows progress, then the download link.
(function () {
  "use strict";
  var box = document.getElementById("ppta-kit");
  if (!box) { return; }
  var state = document.getElementById("ppta-kit-state");
  var bar = document.getElementById("ppta-kit-progress");
  var link = document.getElementById("ppta-kit-download");
  var build = document.getElementById("ppta-kit-build");
  function show(status) {
    state.textContent = status.label;
    bar.value = status.progress;
    bar.textContent = status.progress + "%";
    bar.hidden = !(status.state === "queued" || status.state === "running");
    if (status.download_url) {
      link.href = status.download_url;
      link.hidden = false;
      if (build) { build.hidden = true; }
    }
    return status.state === "queued" || status.state === "running";
  }
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (status) { if (show(status)) { window.setTimeout(poll, 1500); } })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (box.dataset.state === "queued" || box.dataset.state === "running") { poll(); }
}());
