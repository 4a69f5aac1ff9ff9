/*
 * faqbot chat widget loader.
 *
 * Embed with one line:  <script src="https://BOT-HOST/widget.js" async></script>
 * Optional attributes on that tag:
 *   data-position="right" | "left"   which bottom corner (default right)
 *   data-greeting="..."              first message instead of the FAQ's greeting
 *   data-accent="#0b5394"            accent colour (hex); text on it stays readable
 *   data-label="Questions? Chat"     the launcher button's text
 *
 * The loader only adds a launcher button and an iframe from the bot's own
 * origin, inside a shadow root so the page's CSS cannot reach them. The
 * conversation lives in the iframe: the host page cannot read what a patient
 * types. One global, window.FaqbotWidget, offers open(), close() and toggle().
 */
(function () {
  "use strict";

  if (window.FaqbotWidget) return; // embedded twice: keep the first

  var script = document.currentScript;
  if (!script || !script.src) return;
  var botOrigin = new URL(script.src, location.href).origin;
  var data = script.dataset;

  var HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
  var accent = HEX.test(data.accent || "") ? data.accent : "#0b5394";
  var side = data.position === "left" ? "left" : "right";
  var label = (data.label || "Questions? Chat with us").slice(0, 60);
  var greeting = (data.greeting || "").slice(0, 500);

  // Black or white, whichever reads better on the accent (WCAG contrast).
  function onAccent(hex) {
    var h = hex.slice(1);
    if (h.length === 3) h = h.replace(/./g, "$&$&");
    var lum = [0, 2, 4]
      .map(function (i) {
        var c = parseInt(h.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      })
      .reduce(function (sum, c, i) {
        return sum + c * [0.2126, 0.7152, 0.0722][i];
      }, 0);
    return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#000000";
  }

  var CSS =
    ":host{all:initial;--accent:" + accent + ";--on-accent:" + onAccent(accent) + "}" +
    ".launcher{position:fixed;bottom:20px;" + side + ":20px;z-index:2147483646;" +
    "display:inline-flex;align-items:center;gap:8px;min-height:48px;" +
    "padding:12px 18px;border:2px solid transparent;border-radius:999px;" +
    "background:var(--accent);color:var(--on-accent);cursor:pointer;" +
    "font:600 16px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;" +
    "box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
    ".launcher:hover{filter:brightness(1.08)}" +
    ".launcher:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px;" +
    "box-shadow:0 0 0 6px #ffffff}" +
    ".launcher svg{width:22px;height:22px;flex:none}" +
    "iframe{position:fixed;bottom:88px;" + side + ":20px;z-index:2147483647;" +
    "width:380px;height:min(640px,calc(100vh - 108px));border:0;" +
    "border-radius:14px;background:#fff;color-scheme:light;" +
    "box-shadow:0 10px 40px rgba(0,0,0,.3);" +
    "transition:opacity .18s ease,transform .18s ease}" +
    "iframe[hidden]{display:none}" +
    "iframe.opening{opacity:0;transform:translateY(12px)}" +
    "@media (max-width:480px),(max-height:520px){" +
    "iframe{inset:0;width:100%;height:100%;border-radius:0}" +
    ".open .launcher{display:none}}" +
    "@media (prefers-reduced-motion:reduce){iframe{transition:none}}";

  var ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2' +
    ' 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 7 10zm5' +
    ' 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5zm5 0a1.25 1.25 0 1 0 0 2.5 1.25' +
    ' 1.25 0 0 0 0-2.5z"/></svg>';

  var host = document.createElement("div");
  host.id = "faqbot-widget";
  var root = host.attachShadow({ mode: "open" });

  // Constructed style sheets are not blocked by a host page's strict CSP.
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement("style");
    style.textContent = CSS;
    root.appendChild(style);
  }

  var wrap = document.createElement("div");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "faqbot-frame");
  button.innerHTML = ICON; // our own constant markup, never data
  var text = document.createElement("span");
  text.textContent = label;
  button.appendChild(text);

  // The frame gets the ink colour too, so the contrast rule lives in one place.
  var params = new URLSearchParams({
    host: location.origin,
    accent: accent,
    ink: onAccent(accent),
  });
  if (greeting) params.set("greeting", greeting);
  var frame = document.createElement("iframe");
  frame.id = "faqbot-frame";
  frame.title = "Chat with our virtual assistant";
  frame.hidden = true;
  frame.src = botOrigin + "/widget/frame?" + params.toString();
  frame.setAttribute("referrerpolicy", "strict-origin");

  wrap.appendChild(button);
  wrap.appendChild(frame);
  root.appendChild(wrap);

  var isOpen = false;
  var ready = false;

  function post(message) {
    // Explicit target origin: only the bot's frame may receive it.
    if (ready && frame.contentWindow) frame.contentWindow.postMessage(message, botOrigin);
  }

  function open(opts) {
    var restore = opts && opts.restore;
    if (!isOpen) {
      isOpen = true;
      wrap.classList.add("open");
      frame.classList.add("opening");
      frame.hidden = false;
      button.setAttribute("aria-expanded", "true");
      text.textContent = "Close chat";
      requestAnimationFrame(function () {
        frame.classList.remove("opening");
      });
    }
    if (!restore) {
      frame.focus();
      post({ type: "faqbot:open", focus: true });
    }
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    wrap.classList.remove("open");
    frame.hidden = true;
    button.setAttribute("aria-expanded", "false");
    text.textContent = label;
    post({ type: "faqbot:closed" });
    button.focus();
  }

  button.addEventListener("click", function () {
    if (isOpen) close();
    else open();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen) close();
  });

  window.addEventListener("message", function (event) {
    if (event.origin !== botOrigin || event.source !== frame.contentWindow) return;
    var msg = event.data;
    if (!msg || typeof msg.type !== "string") return;
    if (msg.type === "faqbot:ready") {
      ready = true;
      if (msg.open) open({ restore: true });
      else if (isOpen) post({ type: "faqbot:open", focus: true });
    } else if (msg.type === "faqbot:close") {
      close();
    }
  });

  function mount() {
    document.body.appendChild(host);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.FaqbotWidget = Object.freeze({
    version: "1",
    open: function () {
      open();
    },
    close: close,
    toggle: function () {
      if (isOpen) close();
      else open();
    },
  });
})();
