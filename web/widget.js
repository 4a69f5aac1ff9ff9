/*
 * faqbot chat widget loader.
 *
 * Embed with one line:  <script src="https://BOT-HOST/widget.js" async></script>
 * Optional attributes on that tag:
 *   data-position="right" | "left"   which bottom corner (default right)
 *   data-greeting="..."              first message instead of the FAQ's greeting
 *   data-accent="#0b5394"            accent colour (hex); text on it stays readable
 *   data-label="Questions? Chat"     the launcher button's text
 *   data-lang="es"                   the widget's language ("en" or "es"); without
 *                                    it, the page's <html lang>, else English
 *
 * The loader only adds a launcher button and an iframe from the bot's own
 * origin, inside a shadow root so the page's CSS cannot reach them. The
 * conversation lives in the iframe: the host page cannot read what a patient
 * types. One global, window.FaqbotWidget, offers open(), close() and toggle().
 *
 * The launcher appears once the frame says it is ready. If the frame cannot
 * load (this site is not allowed, the bot is down, the page's CSP blocks it)
 * the launcher opens the loader's own small panel instead: the clinic's
 * number, 911 and 988, and a close button. Never a full-screen error page.
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
  var greeting = (data.greeting || "").slice(0, 500);

  // The loader's own texts; the chat's are in the frame (frame.js).
  var STRINGS = {
    en: {
      label: "Questions? Chat with us",
      frame: "Chat with our virtual assistant",
      closeChat: "Close chat",
      close: "Close",
      unavailable: "The chat isn't available right now",
      callUs: "Please call us at {phone}.",
      callClinic: "Please call the clinic instead.",
      safety: "In an emergency call 911. For thoughts of suicide, call or text 988.",
    },
    es: {
      label: "¿Preguntas? Escríbanos",
      frame: "Chat con nuestro asistente virtual",
      closeChat: "Cerrar el chat",
      close: "Cerrar",
      unavailable: "El chat no está disponible en este momento",
      callUs: "Llámenos al {phone}.",
      callClinic: "Por favor, llame a la clínica.",
      safety:
        "En una emergencia, llame al 911. Si tiene pensamientos de suicidio, llame o envíe un mensaje de texto al 988.",
    },
  };
  function langOf(tag) {
    var code = String(tag || "").toLowerCase().split("-")[0];
    return STRINGS.hasOwnProperty(code) ? code : null;
  }
  // data-lang on the script tag, else the page's own language, else English.
  var lang = langOf(data.lang) || langOf(document.documentElement.lang) || "en";
  function t(key) {
    return STRINGS[lang][key];
  }
  function launcherLabel() {
    return (data.label || t("label")).slice(0, 60);
  }
  var label = launcherLabel();

  // Filled in by the server that serves this file (the clinic's name, number
  // and safety line), so the fallback panel works while the bot is down.
  var CLINIC = /*faqbot:clinic*/ null;
  var clinic = CLINIC && typeof CLINIC === "object" ? CLINIC : {};
  // The vetted safety line in each language, from the FAQ files.
  function safetyLine() {
    var vetted = lang === "es" ? clinic.safety_es : clinic.safety;
    return typeof vetted === "string" && vetted ? vetted : t("safety");
  }
  var READY_GRACE_MS = 2500; // after the frame's load event, for its ready message
  var READY_TIMEOUT_MS = 15000; // a frame that never loads at all
  var FULL_SCREEN = "(max-width:480px),(max-height:520px)";

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
    "[hidden]{display:none !important}" +
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
    ".guard{position:fixed;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    ".fallback{position:fixed;bottom:88px;" + side + ":20px;z-index:2147483647;" +
    "box-sizing:border-box;width:min(340px,calc(100vw - 40px));padding:16px 18px;" +
    "border-radius:14px;background:#fff;color:#1f2328;border:1px solid #5a6472;" +
    "box-shadow:0 10px 40px rgba(0,0,0,.3);" +
    "font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".fallback h2{margin:0 40px 6px 0;font-size:1.05rem;line-height:1.3}" +
    ".fallback p{margin:.5em 0 0}" +
    ".fallback a{color:#0a4a85;font-weight:600;text-decoration:underline;white-space:nowrap}" +
    ".fallback a:focus-visible,.fallback button:focus-visible{outline:3px solid #0a3d91;outline-offset:2px}" +
    ".fallback .x{position:absolute;top:8px;right:8px;width:44px;height:44px;" +
    "border:0;border-radius:50%;background:transparent;color:#1f2328;cursor:pointer;" +
    "font:400 28px/1 system-ui,sans-serif}" +
    ".fallback .x:hover{background:#eef1f4}" +
    ".fallback h2:focus{outline:none}" +
    "@media " + FULL_SCREEN + "{" +
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
  // A theme's "body > div {position:relative; z-index:1}" (or a transform)
  // would trap the widget under a cookie bar: inline !important wins over
  // any stylesheet, and a fixed host at the top of the stacking order keeps
  // the launcher and the chat above the page.
  var HOST_STYLE = {
    position: "fixed",
    "z-index": "2147483647",
    top: "0",
    left: "0",
    width: "0",
    height: "0",
    margin: "0",
    padding: "0",
    border: "0",
    display: "block",
    visibility: "visible",
    opacity: "1",
    transform: "none",
    filter: "none",
    contain: "none",
    overflow: "visible",
    "pointer-events": "auto",
  };
  Object.keys(HOST_STYLE).forEach(function (name) {
    host.style.setProperty(name, HOST_STYLE[name], "important");
  });
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
  button.hidden = true; // until the frame is ready (or known to have failed)
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "faqbot-dialog");
  button.innerHTML = ICON; // our own constant markup, never data
  var text = document.createElement("span");
  text.textContent = label;
  button.appendChild(text);

  // The frame gets the ink colour too, so the contrast rule lives in one place.
  var params = new URLSearchParams({
    host: location.origin,
    accent: accent,
    ink: onAccent(accent),
    lang: lang,
  });
  if (greeting) params.set("greeting", greeting);
  var frame = document.createElement("iframe");
  frame.id = "faqbot-frame";
  frame.title = t("frame");
  frame.src = botOrigin + "/widget/frame?" + params.toString();
  frame.setAttribute("referrerpolicy", "strict-origin");

  // The chat as a dialog. Full-screen on a phone it is modal: the guards on
  // either side of the frame send Tab back into it, so focus cannot wander
  // to the page hidden behind.
  var dialog = document.createElement("div");
  dialog.id = "faqbot-dialog";
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-label", frame.title);
  dialog.hidden = true;
  function guard(edge) {
    var g = document.createElement("span");
    g.className = "guard";
    g.setAttribute("data-edge", edge);
    g.addEventListener("focus", function () {
      frame.focus();
      post({ type: "faqbot:focus", edge: edge });
    });
    return g;
  }
  var guardStart = guard("last");
  var guardEnd = guard("first");
  dialog.appendChild(guardStart);
  dialog.appendChild(frame);
  dialog.appendChild(guardEnd);

  wrap.appendChild(button);
  wrap.appendChild(dialog);
  root.appendChild(wrap);

  var isOpen = false;
  var ready = false;
  var failed = false;
  var panel = null;
  var fullScreen = window.matchMedia(FULL_SCREEN);

  function modal() {
    var on = isOpen && !failed && fullScreen.matches;
    if (on) dialog.setAttribute("aria-modal", "true");
    else dialog.removeAttribute("aria-modal");
    [guardStart, guardEnd].forEach(function (g) {
      if (on) g.setAttribute("tabindex", "0");
      else g.removeAttribute("tabindex");
    });
  }
  if (fullScreen.addEventListener) fullScreen.addEventListener("change", modal);

  function post(message) {
    // Explicit target origin: only the bot's frame may receive it.
    if (ready && frame.contentWindow) frame.contentWindow.postMessage(message, botOrigin);
  }

  function showLauncher() {
    button.hidden = false;
  }

  // --- the frame could not load: the loader's own small panel ---------------------------
  function linked(parent, textValue) {
    // Text with 911, 988 and the clinic's number as tap-to-call links.
    var tel = typeof clinic.tel === "string" && /^\+?[0-9]{3,15}$/.test(clinic.tel) ? clinic.tel : "";
    var display = tel && typeof clinic.display === "string" ? clinic.display : "";
    var pattern = new RegExp("(911|988" + (display ? "|" + display.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : "") + ")");
    textValue.split(pattern).forEach(function (part, i) {
      if (i % 2 === 0) {
        if (part) parent.appendChild(document.createTextNode(part));
        return;
      }
      var a = document.createElement("a");
      a.href = "tel:" + (part === display ? tel : part);
      a.textContent = part;
      parent.appendChild(a);
    });
  }

  function buildPanel() {
    var box = document.createElement("div");
    box.className = "fallback";
    box.id = "faqbot-fallback";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "faqbot-fallback-title");
    var title = document.createElement("h2");
    title.id = "faqbot-fallback-title";
    title.tabIndex = -1;
    title.textContent = t("unavailable");
    var call = document.createElement("p");
    linked(call, clinic.display ? t("callUs").replace("{phone}", clinic.display) : t("callClinic"));
    var safety = document.createElement("p");
    linked(safety, safetyLine());
    var x = document.createElement("button");
    x.type = "button";
    x.className = "x";
    x.setAttribute("aria-label", t("close"));
    x.textContent = "\u00d7";
    x.addEventListener("click", function () {
      close();
    });
    box.appendChild(title);
    box.appendChild(call);
    box.appendChild(safety);
    box.appendChild(x);
    box.hidden = true;
    wrap.appendChild(box);
    return box;
  }

  function fail() {
    if (ready || failed) return;
    failed = true;
    var wasOpen = isOpen;
    if (isOpen) close({ quiet: true });
    dialog.hidden = true;
    frame.removeAttribute("src"); // nothing of an error page is ever shown
    panel = panel || buildPanel();
    button.setAttribute("aria-controls", panel.id);
    showLauncher();
    if (wasOpen) open();
  }

  var loadTimer = null;
  frame.addEventListener("load", function () {
    if (ready || failed) return;
    clearTimeout(loadTimer);
    loadTimer = setTimeout(fail, READY_GRACE_MS);
  });
  var readyTimer = setTimeout(fail, READY_TIMEOUT_MS);

  function open(opts) {
    var restore = opts && opts.restore;
    if (!isOpen) {
      isOpen = true;
      // "open" hides the launcher under the phone's full-screen chat; the
      // small panel leaves it in place.
      wrap.classList.add(failed ? "panel-open" : "open");
      button.setAttribute("aria-expanded", "true");
      text.textContent = failed ? t("close") : t("closeChat");
      if (failed) {
        panel.hidden = false;
      } else {
        frame.classList.add("opening");
        dialog.hidden = false;
        requestAnimationFrame(function () {
          frame.classList.remove("opening");
        });
      }
      modal();
    }
    if (failed) {
      panel.querySelector("h2").focus();
      return;
    }
    if (!restore) frame.focus();
    // Restored or not, the frame scrolls to the newest message once visible.
    post({ type: "faqbot:open", focus: !restore });
  }

  function close(opts) {
    if (!isOpen) return;
    isOpen = false;
    wrap.classList.remove("open", "panel-open");
    dialog.hidden = true;
    if (panel) panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    text.textContent = label;
    modal();
    if (opts && opts.quiet) return;
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

  // The chat switched language (the patient's choice, or Spanish they wrote):
  // the launcher and the frame's name follow it.
  function followLang(value) {
    var next = langOf(value);
    if (!next || next === lang) return;
    lang = next;
    label = launcherLabel();
    frame.title = t("frame");
    dialog.setAttribute("aria-label", frame.title);
    text.textContent = isOpen ? t("closeChat") : label;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== botOrigin || event.source !== frame.contentWindow) return;
    var msg = event.data;
    if (!msg || typeof msg.type !== "string") return;
    if (msg.type === "faqbot:lang") {
      followLang(msg.lang);
    } else if (msg.type === "faqbot:ready") {
      if (failed) return;
      followLang(msg.lang);
      ready = true;
      clearTimeout(loadTimer);
      clearTimeout(readyTimer);
      showLauncher();
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
