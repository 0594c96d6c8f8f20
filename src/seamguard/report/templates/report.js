// Filters for the findings: severity, check, code and text. Plain DOM, no library, no network.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("tbody.finding"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.check"));
  var counter = document.getElementById("visible-count");
  var noMatch = document.getElementById("no-match");
  var total = findings.length;

  function chosenSeverities() {
    var boxes = form.querySelectorAll("input[name=severity]");
    var chosen = {};
    for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { chosen[boxes[i].value] = true; } }
    return chosen;
  }

  function apply() {
    var severities = chosenSeverities();
    var check = document.getElementById("filter-check").value;
    var code = document.getElementById("filter-code").value;
    var text = document.getElementById("filter-text").value.trim().toLowerCase();
    var visible = 0;
    findings.forEach(function (row) {
      var show = severities[row.dataset.severity] === true
        && (!check || row.dataset.check === check)
        && (!code || row.dataset.code === code)
        && (!text || row.dataset.search.indexOf(text) !== -1);
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    sections.forEach(function (section) {
      var groups = section.querySelectorAll("div.group");
      var inSection = 0;
      for (var i = 0; i < groups.length; i++) {
        var shown = groups[i].querySelectorAll("tbody.finding:not([hidden])").length;
        groups[i].hidden = shown === 0;
        inSection += shown;
      }
      section.hidden = inSection === 0;
      section.querySelector(".visible").textContent = String(inSection);
    });
    counter.textContent = visible + " of " + total + " findings shown";
    noMatch.hidden = visible !== 0;
  }

  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  document.getElementById("filter-reset").addEventListener("click", function () {
    form.reset();
    apply();
  });
  // A click on a check in the summary table shows only that check's findings.
  Array.prototype.forEach.call(document.querySelectorAll("a.check-link"), function (link) {
    link.addEventListener("click", function () {
      var select = document.getElementById("filter-check");
      var option = select.querySelector("option[value='" + link.dataset.check + "']");
      if (option) { select.value = link.dataset.check; apply(); }
    });
  });
  apply();
}());
