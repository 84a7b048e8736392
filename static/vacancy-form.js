// Shows the Living Wage check as the employer types the pay. The form works without it:
// the "Check pay" button asks the server for the same answer.
(function () {
  var form = document.querySelector("form.vacancy-form");
  var out = document.getElementById("pay-check");
  if (!form || !out || !window.fetch) { return; }
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
    if (el) { el.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 300); }); }
  });
}());
