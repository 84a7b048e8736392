// The vacancy form's help as the employer types. The form works without it: the "Check
// pay" button asks the server for the same answer, and the full-time hours field stays
// shown with a hint saying when it counts.
(function () {
  var form = document.querySelector("form.vacancy-form");
  if (!form) { return; }

  // Full-time hours only count for a full-time salary paid pro rata.
  var per = form.elements.pay_per;
  var fte = document.getElementById("fte-hours");
  if (per && fte) {
    var showFte = function () { fte.hidden = per.value !== fte.getAttribute("data-shown-for"); };
    per.addEventListener("change", showFte);
    showFte();
  }

  var out = document.getElementById("pay-check");
  if (!out || !window.fetch) { return; }
  // The check follows the typing, so the button that asks for it is not needed.
  var button = form.querySelector("[data-without-script]");
  if (button) { button.hidden = true; }
  var names = ["pay", "pay_per", "hours_max", "fte_hours", "postcode"];
  var timer = null;
  function value(name) { var el = form.elements[name]; return el ? el.value : ""; }
  function say(text, strong) {
    out.textContent = "";
    var p = document.createElement("p");
    p.appendChild(document.createTextNode(text));
    if (strong) { var s = document.createElement("strong"); s.textContent = " " + strong; p.appendChild(s); }
    out.appendChild(p);
  }
  function check() {
    if (!value("pay")) { out.textContent = ""; return; }
    var query = names.map(function (n) { return n + "=" + encodeURIComponent(value(n)); }).join("&");
    fetch("/api/v1/living-wage-check?" + query, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) {
        if (!c) { out.textContent = ""; return; }
        var text = "That is " + c.hourly + " an hour. It " + (c.meets_living_wage ? "meets" : "is below") +
          " the " + c.area + " (" + c.living_wage + ").";
        say(text, c.meets_national_living_wage ? "" :
          "It is below the National Living Wage (" + c.national_living_wage + ") and cannot be posted.");
      })
      .catch(function () { out.textContent = ""; });
  }
  names.forEach(function (n) {
    var el = form.elements[n];
    if (el) {
      var again = function () { clearTimeout(timer); timer = setTimeout(check, 300); };
      el.addEventListener("input", again);
      el.addEventListener("change", again);
    }
  });
}());
