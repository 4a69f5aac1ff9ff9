/*
 * The staff pages' only script: a live count of the text messages (SMS
 * segments) a reply will cost, by the rules Twilio bills by. The server
 * shows the same count without it.
 */
(function () {
  "use strict";
  var BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var EXTENDED = "^{}\\[~]|€\f";

  function count(text) {
    var septets = 0;
    var gsm = true;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (BASIC.indexOf(ch) >= 0) septets += 1;
      else if (EXTENDED.indexOf(ch) >= 0) septets += 2;
      else gsm = false;
    }
    if (gsm) return { chars: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153), per: septets <= 160 ? 160 : 153, gsm: true };
    var units = text.length; // UTF-16 code units, as UCS-2 counts them
    return { chars: units, parts: units <= 70 ? 1 : Math.ceil(units / 67), per: units <= 70 ? 70 : 67, gsm: false };
  }

  function start() {
    var out = document.getElementById("segments");
    var box = document.getElementById("body");
    if (!out || !box) return;
    function update() {
      var c = count(box.value.replace(/\r\n/g, "\n"));
      var text = c.chars + " characters · " + c.parts + " text message" + (c.parts === 1 ? "" : "s");
      if (!c.gsm) text += " (a character outside the SMS alphabet halves each message)";
      out.textContent = text;
      out.classList.toggle("over", c.parts > 1);
    }
    box.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
