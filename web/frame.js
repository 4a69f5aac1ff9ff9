/*
 * The chat inside the widget frame (served from the bot's own origin).
 *
 * Everything the server or the patient wrote is shown with textContent or
 * text nodes, never as HTML. The transcript and the session id live in this
 * origin's sessionStorage, so the conversation survives page navigation and
 * reloads within the tab, and the host page cannot read it.
 */
(function () {
  "use strict";

  var KEY = "faqbot:chat:v1";
  var MAX_MESSAGES = 80;
  var LANGS = ["en", "es"];
  // Every fixed text of the chat, in English and in neutral Latin American
  // Spanish ("usted"). What the clinic vets (answers, greeting, handoff,
  // crisis and safety line) comes from the server in the patient's language.
  var STRINGS = {
    en: {
      pageTitle: "Chat with {clinic}",
      sub: "Virtual assistant: answers from our FAQ",
      langGroup: "Language",
      close: "Close chat",
      log: "Conversation",
      inputLabel: "Your question",
      placeholder: "Type your question",
      send: "Send",
      foot: "Automated answers, not medical advice. In an emergency call {911}.",
      youSaid: "You said: ",
      assistant: "Assistant: ",
      careTeam: "Care team: ",
      staffLabel: "Message from the care team",
      greeting: "Hi! How can I help?",
      popular: "Popular questions:",
      popularList: "Popular questions",
      didYouMean: "Did you mean",
      retry: "Try again",
      notSent: "Not sent. ",
      typing: "The assistant is typing.",
      crisisTitle: "Please reach out for help now",
      call988: "Call 988",
      text988: "Text 988",
      call911: "Call 911",
      callBack: "Leave a number and we will call you",
      contactToggle: "Leave your contact details (optional)",
      contactName: "Your name (optional)",
      contactField: "Phone number or email",
      contactHelp: "For example 310-555-0123 or name@example.com",
      consent: "I agree that the care team may contact me about my question.",
      contactSend: "Send my details",
      contactThanks: "Thank you. Our care team will contact you at {contact}.",
      consent_required: "Please tick the box to let our care team contact you.",
      missing_contact: "Please enter a phone number or an email address.",
      invalid_contact:
        "Please enter a phone number like 310-555-0123 or an email address like name@example.com.",
      unavailable: "We couldn't save your details just now. Please try again, or call us.",
      callUs: " You can also call us at {phone}.",
      seconds: "about {n} seconds",
      minutes: "about {n} minutes",
      aWhile: "a while",
      rateLimited:
        "We need a short pause before we can answer more messages from this " +
        "connection. Please wait {when}, then tap Try again.",
      serverError: "Something went wrong on our side. Please try again in a moment.",
      offline: "We couldn't reach the assistant. Please check your connection and try again.",
      safety: "In an emergency call 911. For thoughts of suicide, call or text 988.",
    },
    es: {
      pageTitle: "Chat con {clinic}",
      sub: "Asistente virtual de preguntas frecuentes",
      langGroup: "Idioma",
      close: "Cerrar el chat",
      log: "Conversación",
      inputLabel: "Su pregunta",
      placeholder: "Escriba su pregunta",
      send: "Enviar",
      foot: "Respuestas automáticas, no son consejo médico. En una emergencia, llame al {911}.",
      youSaid: "Usted dijo: ",
      assistant: "Asistente: ",
      careTeam: "Equipo de atención: ",
      staffLabel: "Mensaje del equipo de atención",
      greeting: "¡Hola! ¿En qué le puedo ayudar?",
      popular: "Preguntas frecuentes:",
      popularList: "Preguntas frecuentes",
      didYouMean: "¿Quiso decir",
      retry: "Intentar de nuevo",
      notSent: "No se envió. ",
      typing: "El asistente está escribiendo.",
      crisisTitle: "Por favor, pida ayuda ahora",
      call988: "Llamar al 988",
      text988: "Enviar texto al 988",
      call911: "Llamar al 911",
      callBack: "Deje un número y lo llamaremos",
      contactToggle: "Deje sus datos de contacto (opcional)",
      contactName: "Su nombre (opcional)",
      contactField: "Número de teléfono o correo electrónico",
      contactHelp: "Por ejemplo, 310-555-0123 o nombre@ejemplo.com",
      consent: "Acepto que el equipo de atención me contacte sobre mi pregunta.",
      contactSend: "Enviar mis datos",
      contactThanks: "Gracias. Nuestro equipo de atención se comunicará con usted al {contact}.",
      consent_required: "Marque la casilla para que nuestro equipo de atención pueda contactarlo.",
      missing_contact: "Escriba un número de teléfono o un correo electrónico.",
      invalid_contact:
        "Escriba un número de teléfono como 310-555-0123 o un correo electrónico como nombre@ejemplo.com.",
      unavailable:
        "No pudimos guardar sus datos en este momento. Intente de nuevo o llámenos.",
      callUs: " También puede llamarnos al {phone}.",
      seconds: "unos {n} segundos",
      minutes: "unos {n} minutos",
      aWhile: "un rato",
      rateLimited:
        "Necesitamos una breve pausa antes de responder más mensajes de esta " +
        "conexión. Espere {when} y luego toque Intentar de nuevo.",
      serverError: "Algo salió mal de nuestro lado. Intente de nuevo en un momento.",
      offline: "No pudimos comunicarnos con el asistente. Revise su conexión e intente de nuevo.",
      safety:
        "En una emergencia, llame al 911. Si tiene pensamientos de suicidio, llame o envíe un mensaje de texto al 988.",
    },
  };
  var CONTACT_PROBLEMS = ["consent_required", "missing_contact", "invalid_contact", "unavailable"];
  var HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
  var TEL = /^\+?[0-9]{3,15}$/;

  var params = new URLSearchParams(location.search);
  // The loader passes its page's origin; the server only serves this frame
  // to origins on FAQBOT_ALLOWED_ORIGINS, and CSP frame-ancestors enforces it.
  var parentOrigin = params.get("host");
  var embedded = window.parent !== window && !!parentOrigin;
  // A greeting only from the page that embeds us (CSP frame-ancestors vouches
  // for it): opened on its own, the frame would show any text on our origin.
  var greetingOverride = embedded ? (params.get("greeting") || "").trim() : "";
  // The page's language, from the loader (data-lang, else <html lang>).
  var pageLang = langOf(params.get("lang")) || "en";

  function langOf(tag) {
    var code = String(tag || "").toLowerCase().split("-")[0];
    return LANGS.indexOf(code) >= 0 ? code : null;
  }

  var log = document.getElementById("log");
  var notice = document.getElementById("notice");
  var form = document.getElementById("ask");
  var input = document.getElementById("q");
  var closeButton = document.getElementById("close");
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  var memory = null; // when sessionStorage is unavailable (privacy modes)
  var state = load();
  var busy = false;
  var lastProblem = null; // the failure the notice explains, to say it again on a switch
  var formIds = 0; // contact forms get ids of their own, never a message index
  // The server renders the clinic's number and the safety line into the page,
  // so the notices below have them even when no API call ever succeeds.
  var safetyLines = {
    en: document.body.getAttribute("data-safety") || STRINGS.en.safety,
    es: document.body.getAttribute("data-safety-es") || STRINGS.es.safety,
  };
  // The conversation keeps the language it was left in (a patient's switch,
  // or Spanish they wrote); a new one starts in the page's.
  if (!langOf(state.lang)) state.lang = pageLang;
  if (!state.phone && document.body.getAttribute("data-phone-tel")) {
    state.phone = {
      display: document.body.getAttribute("data-phone-display"),
      tel: document.body.getAttribute("data-phone-tel"),
    };
  }

  // --- storage -------------------------------------------------------------------
  function newSessionId() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function fresh() {
    return { v: 1, sessionId: newSessionId(), open: false, intro: null, messages: [], lang: null };
  }

  function load() {
    var raw = null;
    try {
      raw = window.sessionStorage.getItem(KEY);
    } catch (e) {
      raw = memory;
    }
    try {
      var saved = raw ? JSON.parse(raw) : null;
      if (
        saved &&
        saved.v === 1 &&
        /^[A-Za-z0-9_-]{1,64}$/.test(saved.sessionId) &&
        Array.isArray(saved.messages)
      ) {
        saved.messages = saved.messages.slice(-MAX_MESSAGES);
        saved.messages.forEach(function (m) {
          // A reload while waiting for the answer: offer to send it again.
          if (m.pending) {
            m.pending = false;
            m.failed = "network";
          }
        });
        return saved;
      }
    } catch (e) {
      /* a damaged transcript starts a new conversation */
    }
    return fresh();
  }

  function save() {
    var raw = JSON.stringify(state);
    try {
      window.sessionStorage.setItem(KEY, raw);
    } catch (e) {
      memory = raw;
    }
  }

  // --- building DOM from text --------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // A fixed text in the widget's language, {name} filled from ``values``.
  function t(key, values) {
    var text = STRINGS[state.lang][key];
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function phone() {
    var p = state.phone;
    return p && typeof p.display === "string" && TEL.test(p.tel || "") ? p : null;
  }

  // Text with the clinic's number as a tap-to-call link, split into paragraphs.
  function paragraphs(text) {
    var frag = document.createDocumentFragment();
    String(text || "")
      .split(/\n\s*\n/)
      .forEach(function (para) {
        var p = el("p");
        var number = phone();
        var parts = number ? para.split(number.display) : [para];
        parts.forEach(function (part, i) {
          if (i > 0) p.appendChild(el("a", { href: "tel:" + number.tel, text: number.display }));
          p.appendChild(document.createTextNode(part));
        });
        frag.appendChild(p);
      });
    return frag;
  }

  // The safety line with 911 and 988 as tap-to-call links.
  function safetyView() {
    var p = el("p", { className: "safety" });
    safetyLines[state.lang].split(/(911|988)/).forEach(function (part, i) {
      if (i % 2) p.appendChild(el("a", { href: "tel:" + part, text: part }));
      else if (part) p.appendChild(document.createTextNode(part));
    });
    return p;
  }

  function choiceButtons(items, label) {
    var list = el("ul", { className: "choices", "aria-label": label });
    items.forEach(function (item) {
      if (!item || typeof item.faq_id !== "string" || typeof item.question !== "string") return;
      var button = el("button", { type: "button", className: "choice", text: item.question });
      button.addEventListener("click", function () {
        ask({ faq_id: item.faq_id }, item.question);
        if (button.disabled) input.focus(); // a used menu lets go of focus
      });
      list.appendChild(el("li", {}, [button]));
    });
    return list;
  }

  // --- rendering ------------------------------------------------------------------------
  function render() {
    log.textContent = "";
    state.messages.forEach(function (msg, i) {
      log.appendChild(view(msg, i));
    });
    scrollDown();
  }

  function append(msg) {
    if (msg.from === "user") retireChoices();
    state.messages.push(msg);
    trim();
    save();
    log.appendChild(view(msg, state.messages.length - 1));
    scrollDown();
  }

  // The oldest messages go, from storage and from the page alike, so that
  // every bubble's index keeps naming its own message.
  function trim() {
    var extra = state.messages.length - MAX_MESSAGES;
    if (extra <= 0) return;
    state.messages.splice(0, extra);
    Array.prototype.forEach.call(log.querySelectorAll("[data-index]"), function (node) {
      var i = parseInt(node.getAttribute("data-index"), 10) - extra;
      if (i < 0) node.remove();
      else node.setAttribute("data-index", String(i));
    });
  }

  function nodeOf(msg) {
    return log.querySelector('[data-index="' + state.messages.indexOf(msg) + '"]');
  }

  // Update a bubble in place: replacing it would announce it again.
  function refresh(msg) {
    var node = nodeOf(msg);
    save();
    if (!node) return;
    if (msg.from === "user") {
      node.classList.toggle("failed", !!msg.failed);
      var unsent = node.querySelector(".unsent");
      if (unsent) unsent.remove();
      if (msg.failed) node.appendChild(unsentView(msg));
    } else {
      var box = node.querySelector(".contact");
      if (box) box.replaceWith(contactView(msg));
    }
  }

  // Menus already answered (a newer question was sent) stop taking clicks.
  function retireChoices() {
    state.messages.forEach(function (m) {
      if (m.kind === "clarify") m.used = true;
    });
    Array.prototype.forEach.call(log.querySelectorAll(".clarify button.choice"), function (b) {
      b.disabled = true;
    });
  }

  function scrollDown(instant) {
    log.scrollTo({
      top: log.scrollHeight,
      behavior: instant || reduceMotion.matches ? "auto" : "smooth",
    });
  }

  function view(msg, i) {
    var node;
    if (msg.from === "user") node = userView(msg);
    else if (msg.kind === "intro") node = introView();
    else if (msg.kind === "crisis") node = crisisView(msg);
    else if (msg.kind === "staff") node = staffView(msg);
    else node = botView(msg, i);
    node.setAttribute("data-index", String(i));
    return node;
  }

  function userView(msg) {
    var node = el("div", { className: "msg user" }, [
      el("span", { className: "visually-hidden", text: t("youSaid") }),
      el("p", { text: msg.text }),
    ]);
    if (msg.failed) {
      node.classList.add("failed");
      node.appendChild(unsentView(msg));
    }
    return node;
  }

  function unsentView(msg) {
    var retry = el("button", { type: "button", className: "retry", text: t("retry") });
    retry.addEventListener("click", function () {
      deliver(msg);
    });
    return el("p", { className: "unsent" }, [el("span", { text: t("notSent") }), retry]);
  }

  function introView() {
    var intro = state.intro || {};
    var node = el("div", { className: "msg bot" }, [
      el("span", { className: "visually-hidden", text: t("assistant") }),
    ]);
    // The page's own greeting is in the page's language only.
    var own = state.lang === pageLang ? greetingOverride : "";
    var fetched = intro.lang === state.lang ? intro.greeting : "";
    node.appendChild(paragraphs(own || fetched || t("greeting")));
    if (intro.lang === state.lang && Array.isArray(intro.suggested) && intro.suggested.length) {
      node.appendChild(el("p", { className: "hint", text: t("popular") }));
      node.appendChild(choiceButtons(intro.suggested.slice(0, 4), t("popularList")));
    }
    return node;
  }

  function botView(msg) {
    var node = el("div", { className: "msg bot " + msg.kind }, [
      el("span", { className: "visually-hidden", text: t("assistant") }),
    ]);
    if (msg.kind === "answered" && msg.question) {
      node.appendChild(el("p", { className: "about", text: msg.question }));
    }
    node.appendChild(paragraphs(msg.text));
    if (msg.kind === "clarify" && Array.isArray(msg.suggestions)) {
      var menu = choiceButtons(msg.suggestions, t("didYouMean"));
      if (msg.used) {
        Array.prototype.forEach.call(menu.querySelectorAll("button"), function (b) {
          b.disabled = true;
        });
      }
      node.appendChild(menu);
    }
    if (msg.kind === "unmatched") node.appendChild(contactView(msg));
    return node;
  }

  function crisisView(msg) {
    var node = el("div", { className: "msg bot crisis", role: "alert" }, [
      el("p", { className: "crisis-title", text: t("crisisTitle") }),
    ]);
    node.appendChild(paragraphs(msg.text));
    node.appendChild(
      el("div", { className: "crisis-actions" }, [
        el("a", { href: "tel:988", className: "action", text: t("call988") }),
        el("a", { href: "sms:988", className: "action", text: t("text988") }),
        el("a", { href: "tel:911", className: "action urgent", text: t("call911") }),
      ]),
    );
    // So that the care team can reach a patient in crisis who is on the web.
    node.appendChild(contactView(msg, t("callBack")));
    return node;
  }

  // --- replies from the care team (staff answer from their queue) -----------------------
  // While a question waits for staff, the frame asks every REPLY_POLL_MS for
  // their replies, and once when the patient comes back in the same session.
  // The session id (made with the browser's CSPRNG) is the only key to them.
  var REPLY_POLL_MS = 8000;
  var QUIET_MS = 150; // the log stays silent this long after a language switch
  var replyTimer = null;

  function staffView(msg) {
    var node = el("div", { className: "msg bot staff" }, [
      el("span", { className: "visually-hidden", text: t("careTeam") }),
      el("p", { className: "about", text: t("staffLabel") }),
    ]);
    node.appendChild(paragraphs(msg.text));
    return node;
  }

  function waitingForStaff() {
    return state.messages.some(function (m) {
      return m.kind === "unmatched" || m.kind === "crisis" || m.kind === "staff";
    });
  }

  function pollReplies() {
    if (!waitingForStaff() || document.hidden) return;
    post("/api/replies", { session_id: state.sessionId, after: state.replyAfter || 0 }).then(
      function (result) {
        var list = result.ok && result.body && Array.isArray(result.body.replies) ? result.body.replies : [];
        list.forEach(function (r) {
          if (typeof r.id !== "number" || r.id <= (state.replyAfter || 0)) return;
          state.replyAfter = r.id;
          append({ from: "bot", kind: "staff", text: String(r.text || ""), id: r.id });
        });
      },
    );
  }

  function startReplyPolling() {
    if (replyTimer === null) replyTimer = window.setInterval(pollReplies, REPLY_POLL_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) pollReplies();
    });
    pollReplies();
  }

  // --- the optional contact form after a handoff ----------------------------------------
  function contactView(msg, label) {
    var box = el("div", { className: "contact" });
    if (msg.contact) {
      box.appendChild(
        el("p", {
          className: "confirm",
          tabindex: "-1",
          text: t("contactThanks", { contact: msg.contact }),
        }),
      );
      return box;
    }
    var id = "contact-" + ++formIds;
    var toggle = el("button", {
      type: "button",
      className: "secondary",
      "aria-expanded": "false",
      "aria-controls": id + "-form",
      text: label || t("contactToggle"),
    });
    var errorId = id + "-error";
    var nameInput = el("input", { id: id + "-name", name: "name", type: "text", autocomplete: "name", maxlength: "100" });
    var contactInput = el("input", {
      id: id + "-contact",
      name: "contact",
      type: "text",
      autocomplete: "email",
      maxlength: "254",
      required: "",
      "aria-describedby": id + "-help " + errorId,
    });
    var consent = el("input", { id: id + "-consent", name: "consent", type: "checkbox", required: "" });
    var error = el("p", { id: errorId, className: "error", role: "alert" });
    var submit = el("button", { type: "submit", text: t("contactSend") });
    var contactForm = el("form", { id: id + "-form", className: "contact-form", novalidate: "" }, [
      el("label", { for: id + "-name", text: t("contactName") }),
      nameInput,
      el("label", { for: id + "-contact", text: t("contactField") }),
      el("p", { id: id + "-help", className: "help", text: t("contactHelp") }),
      contactInput,
      el("div", { className: "check" }, [
        consent,
        el("label", { for: id + "-consent", text: t("consent") }),
      ]),
      error,
      submit,
    ]);
    contactForm.hidden = true;
    toggle.addEventListener("click", function () {
      var show = contactForm.hidden;
      contactForm.hidden = !show;
      toggle.setAttribute("aria-expanded", String(show));
      if (show) nameInput.focus();
    });
    // Escape in the form folds the form away; the chat stays open.
    contactForm.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      contactForm.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
    contactForm.addEventListener("submit", function (event) {
      event.preventDefault();
      sendContact(msg, {
        form: contactForm,
        name: nameInput,
        contact: contactInput,
        consent: consent,
        error: error,
        submit: submit,
      });
    });
    box.appendChild(toggle);
    box.appendChild(contactForm);
    return box;
  }

  function sendContact(msg, f) {
    f.contact.removeAttribute("aria-invalid");
    f.consent.removeAttribute("aria-invalid");
    f.error.textContent = "";
    var payload = {
      session_id: state.sessionId,
      name: f.name.value,
      contact: f.contact.value,
      consent: f.consent.checked,
    };
    f.submit.disabled = true;
    post("/api/handoff", payload)
      .then(function (result) {
        f.submit.disabled = false;
        if (result.ok && result.body && result.body.contact) {
          // What the patient typed, as they typed it: they recognise it.
          msg.contact = payload.contact.trim();
          refresh(msg);
          var node = nodeOf(msg);
          var confirm = node && node.querySelector(".confirm");
          if (confirm) confirm.focus();
          return;
        }
        var code = result.body && result.body.error && result.body.error.code;
        f.error.textContent = problemText(result, true);
        var field = code === "consent_required" ? f.consent : f.contact;
        if (code === "consent_required" || /contact/.test(code || "")) field.setAttribute("aria-invalid", "true");
        field.focus();
      });
  }

  // --- talking to the API ---------------------------------------------------------------------
  function post(path, payload) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
      credentials: "same-origin",
    }).then(
      function (res) {
        return res
          .json()
          .catch(function () {
            return null;
          })
          .then(function (body) {
            return {
              ok: res.ok,
              status: res.status,
              body: body,
              retryAfter: parseInt(res.headers.get("Retry-After") || "", 10),
            };
          });
      },
      function () {
        return { ok: false, status: 0, body: null, retryAfter: NaN };
      },
    );
  }

  // ``fromForm``: the contact form's own problems are known by their codes.
  function problemText(result, fromForm) {
    var number = phone();
    var call = number ? t("callUs", { phone: number.display }) : "";
    var error = result.body && result.body.error;
    if (result.status === 429) {
      var wait = result.retryAfter > 0 ? result.retryAfter : 60;
      var when =
        wait < 90
          ? t("seconds", { n: wait })
          : wait < 5400
            ? t("minutes", { n: Math.round(wait / 60) })
            : t("aWhile");
      // Often a whole household or waiting room shares the budget: no blame.
      return t("rateLimited", { when: when }) + call;
    }
    if (fromForm && error && CONTACT_PROBLEMS.indexOf(error.code) >= 0) {
      return t(error.code);
    }
    if (result.status >= 400 && result.status < 500 && error) {
      return String(error.message);
    }
    if (result.status >= 500) return t("serverError") + call;
    return t("offline") + call;
  }

  function ask(payload, text) {
    if (busy) return;
    var msg = { from: "user", text: text, payload: payload, failed: null };
    append(msg);
    deliver(msg);
  }

  function deliver(msg) {
    if (busy) return;
    busy = true;
    msg.pending = true;
    msg.failed = null;
    refresh(msg);
    setNotice("");
    typing(true);
    var payload = Object.assign({}, msg.payload, { session_id: state.sessionId, lang: state.lang });
    post("/api/ask", payload).then(function (result) {
      busy = false;
      typing(false);
      msg.pending = false;
      var body = result.body;
      if (result.ok && body && typeof body.status === "string") {
        refresh(msg);
        if (body.phone) state.phone = body.phone;
        var reply = {
          from: "bot",
          kind: body.status,
          text: String(body.answer || ""),
          question: body.question || null,
          suggestions: body.suggestions || [],
        };
        setNotice("");
        if (body.lang !== "es" || state.lang === "es") {
          append(reply);
          return;
        }
        // The patient wrote in Spanish: the widget follows them, and the
        // reply is added (and announced) once the switch is done.
        busy = true;
        setLang("es", function () {
          busy = false;
          append(reply);
        });
        return;
      }
      if (result.status >= 400 && result.status < 500 && result.status !== 429 && body && body.error) {
        // The question itself was refused (too long, ...): say why, no retry.
        refresh(msg);
        append({ from: "bot", kind: "problem", text: String(body.error.message) });
        return;
      }
      msg.failed = result.status === 429 ? "rate" : "network";
      refresh(msg);
      lastProblem = result;
      setNotice(problemText(result), true);
      scrollDown();
    });
  }

  function typing(on) {
    var dots = log.querySelector(".typing");
    if (on && !dots) {
      log.appendChild(
        el("div", { className: "typing" }, [
          el("span", { className: "visually-hidden", text: t("typing") }),
          el("span", { className: "dot", "aria-hidden": "true" }),
          el("span", { className: "dot", "aria-hidden": "true" }),
          el("span", { className: "dot", "aria-hidden": "true" }),
        ]),
      );
      scrollDown();
    } else if (!on && dots) {
      dots.remove();
    }
  }

  // A failure notice: what happened, the clinic's number, then 911 and 988.
  function setNotice(text, withSafety) {
    notice.textContent = "";
    if (text) {
      notice.appendChild(paragraphs(text));
      if (withSafety) notice.appendChild(safetyView());
    }
    notice.classList.toggle("shown", !!text);
  }

  // --- the widget's language ------------------------------------------------------------------
  var langButtons = document.querySelectorAll("#langs button[data-lang]");

  // The header, the form and the footer: the fixed texts outside the log.
  function applyStatic() {
    var lang = state.lang;
    document.documentElement.lang = lang;
    document.title = t("pageTitle", { clinic: document.getElementById("title").textContent });
    document.getElementById("sub").textContent = t("sub");
    document.getElementById("langs").setAttribute("aria-label", t("langGroup"));
    closeButton.setAttribute("aria-label", t("close"));
    log.setAttribute("aria-label", t("log"));
    document.getElementById("q-label").textContent = t("inputLabel");
    input.placeholder = t("placeholder");
    document.getElementById("send").textContent = t("send");
    var foot = document.getElementById("foot");
    foot.textContent = "";
    t("foot").split("{911}").forEach(function (part, i) {
      if (i > 0) foot.appendChild(el("a", { href: "tel:911", text: "911" }));
      foot.appendChild(document.createTextNode(part));
    });
    Array.prototype.forEach.call(langButtons, function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    });
  }

  // Switch every fixed text and the greeting; the conversation stays as it is.
  // ``then`` runs once the log speaks again (a reply to show after the switch).
  function setLang(lang, then) {
    if (!langOf(lang) || lang === state.lang) {
      if (then) then();
      return;
    }
    state.lang = lang;
    save();
    applyStatic();
    // Rebuilt quietly: the messages are not new, so the live region is off
    // while they are put back, and on again once the browser has seen them.
    var hadFocus = log.contains(document.activeElement);
    log.setAttribute("aria-live", "off");
    render();
    if (busy) typing(true); // an answer still on its way
    if (hadFocus) input.focus();
    window.setTimeout(function () {
      log.setAttribute("aria-live", "polite");
      if (then) then();
    }, QUIET_MS);
    if (lastProblem && notice.classList.contains("shown")) setNotice(problemText(lastProblem), true);
    if (!state.intro || state.intro.lang !== lang) loadIntro();
    if (embedded) window.parent.postMessage({ type: "faqbot:lang", lang: lang }, parentOrigin);
  }

  // --- start-up -------------------------------------------------------------------------------
  function start() {
    var accent = params.get("accent");
    if (HEX.test(accent || "")) {
      // The loader picked black or white ink for this accent (widget.js).
      var ink = params.get("ink") === "#000000" ? "#000000" : "#ffffff";
      document.documentElement.style.setProperty("--accent", accent);
      document.documentElement.style.setProperty("--on-accent", ink);
    }
    if (!embedded) document.body.classList.add("standalone");
    closeButton.hidden = !embedded;
    applyStatic();
    Array.prototype.forEach.call(langButtons, function (b) {
      b.addEventListener("click", function () {
        setLang(b.getAttribute("data-lang"));
      });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text || busy) return;
      input.value = "";
      ask({ question: text }, text);
    });
    closeButton.addEventListener("click", requestClose);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && embedded && !event.defaultPrevented) requestClose();
    });
    // Shown again after being hidden: the newest message in view.
    var wasHidden = window.innerHeight === 0;
    window.addEventListener("resize", function () {
      if (wasHidden && window.innerHeight > 0) scrollDown(true);
      wasHidden = window.innerHeight === 0;
    });
    window.addEventListener("message", onMessage);

    if (state.messages.length) {
      render();
    } else {
      state.messages.push({ from: "bot", kind: "intro" });
      render();
    }
    if (!state.intro || state.intro.lang !== state.lang) loadIntro();
    startReplyPolling();
    if (embedded) window.parent.postMessage({ type: "faqbot:ready", open: !!state.open, lang: state.lang }, parentOrigin);
    else input.focus();
  }

  function loadIntro() {
    var lang = state.lang;
    fetch("/api/faq?lang=" + lang, { headers: { Accept: "application/json" } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        // A switch while this was on its way: the newer request wins.
        if (!body || lang !== state.lang) return;
        state.intro = {
          lang: lang,
          greeting: String(body.greeting || ""),
          suggested: Array.isArray(body.suggested) ? body.suggested : [],
        };
        if (body.phone) state.phone = body.phone;
        save();
        var i = state.messages.findIndex(function (m) {
          return m.kind === "intro";
        });
        var old = log.querySelector('[data-index="' + i + '"]');
        if (old) {
          var node = introView();
          node.setAttribute("data-index", String(i));
          old.replaceWith(node);
        }
      })
      .catch(function () {
        /* the greeting without suggestions still works */
      });
  }

  function focusables() {
    var found = document.querySelectorAll(
      "a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex='-1'])",
    );
    return Array.prototype.filter.call(found, function (node) {
      return node.offsetParent !== null || node === log;
    });
  }

  function requestClose() {
    state.open = false;
    save();
    window.parent.postMessage({ type: "faqbot:close" }, parentOrigin);
  }

  function onMessage(event) {
    if (!embedded || event.origin !== parentOrigin || event.source !== window.parent) return;
    var msg = event.data;
    if (!msg || typeof msg.type !== "string") return;
    if (msg.type === "faqbot:open") {
      state.open = true;
      save();
      if (msg.focus) input.focus();
      requestAnimationFrame(function () {
        scrollDown(true);
      });
    } else if (msg.type === "faqbot:focus") {
      // Tab went past either end of the full-screen chat: wrap around.
      var all = focusables();
      var target = msg.edge === "last" ? all[all.length - 1] : all[0];
      if (target) target.focus();
    } else if (msg.type === "faqbot:closed") {
      state.open = false;
      save();
    }
  }

  start();
})();
