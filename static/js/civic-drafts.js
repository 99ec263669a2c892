// Drafts: what a person types in a form marked `data-draft="<name>"` is kept in this
// browser's local storage while they type, and put back when the form is shown again (after
// an expired session, a sign-in, a reload or a crash), so that nothing typed is lost.
// Progressive enhancement: without JavaScript the forms work the same, and the CSRF failure
// page (templates/403_csrf.html) shows back what was sent.
//
// Kept: text inputs, text areas and selects. Never: passwords, hidden fields, files, email
// addresses (an agent's counter serves many people), anything named like a token.
// A draft is cleared once the form was sent and a page then says it succeeded (a success
// message, `.messages .notice--success`); an error, the sign-in page or the CSRF page
// (`data-draft-keep`) keep it. The form may carry the notice shown when a draft is put back
// (`data-draft-restored`) and the label of its "discard" button (`data-draft-discard`). Drafts older than three days are dropped.
(function () {
  "use strict";
  var PREFIX = "civic-draft:";
  var PENDING = "civic-draft-pending";
  var MAX_AGE = 3 * 24 * 3600 * 1000;
  var SKIPPED = /pass|token|csrf|secret|honeypot|otp|code/i;

  var store;
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "test", "1");
    store.removeItem(PREFIX + "test");
  } catch (error) {
    return; // private mode or storage refused: the forms simply work without drafts
  }

  function read(key) {
    try {
      var draft = JSON.parse(store.getItem(key) || "null");
      if (draft && Date.now() - draft.savedAt < MAX_AGE) return draft;
    } catch (error) { /* a broken draft is dropped */ }
    store.removeItem(key);
    return null;
  }

  // Old drafts go, whichever page is open.
  for (var i = store.length - 1; i >= 0; i -= 1) {
    var name = store.key(i);
    if (name && name.indexOf(PREFIX) === 0) read(name);
  }

  // The form sent last time (`pending`: its draft's key, and how many pages were seen since
  // without an outcome): its draft is cleared when a page says the sending succeeded.
  // Back on the same form with a success message right away, it was that form's success
  // (a comment posted); after a page in between (the sign-in page), the message is the
  // sign-in's and the draft stays.
  var pending = null;
  try {
    pending = JSON.parse(window.sessionStorage.getItem(PENDING) || "null");
    window.sessionStorage.removeItem(PENDING);
  } catch (error) { /* no session storage: drafts expire by age only */ }
  if (pending && pending.key) {
    var here = Array.prototype.some.call(document.querySelectorAll("form[data-draft]"), function (form) {
      return PREFIX + form.dataset.draft + ":" + window.location.pathname === pending.key;
    });
    var succeeded = document.querySelector(".messages .notice--success") && !document.querySelector("[data-draft-keep]");
    if (succeeded && (!here || !pending.hops)) {
      store.removeItem(pending.key);
    } else if (!here && !document.querySelector("[data-draft-keep], .form-errors")) {
      // A step in between (a preview, the sign-in page): still waiting for the outcome.
      try {
        window.sessionStorage.setItem(PENDING, JSON.stringify({ key: pending.key, hops: (pending.hops || 0) + 1 }));
      } catch (error) { /* ignored */ }
    }
  }

  function draftable(field) {
    if (!field.name || field.disabled || SKIPPED.test(field.name)) return false;
    if (field.tagName === "TEXTAREA" || field.tagName === "SELECT") return true;
    var type = (field.getAttribute("type") || "text").toLowerCase();
    return ["text", "search", "url", "tel", "number"].indexOf(type) !== -1;
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, draftable);
  }

  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var key = PREFIX + form.dataset.draft + ":" + window.location.pathname;

    function save() {
      var values = {};
      var typed = false;
      fields(form).forEach(function (field) {
        values[field.name] = field.value;
        if (field.tagName !== "SELECT" && field.value.trim()) typed = true;
      });
      if (typed) {
        store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: values }));
      } else {
        store.removeItem(key);
      }
    }

    // Put back what was typed, only into fields still empty (what the server shows back,
    // after an error, is never overwritten).
    var draft = read(key);
    var restored = [];
    if (draft && draft.values) {
      fields(form).forEach(function (field) {
        var value = draft.values[field.name];
        if (typeof value !== "string" || !value || field.value) return;
        if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
        field.value = value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        restored.push(field);
      });
    }
    if (restored.length && form.dataset.draftRestored) {
      var notice = document.createElement("div");
      notice.className = "notice notice--info draft-notice";
      notice.setAttribute("role", "status");
      notice.setAttribute("data-draft-notice", "");
      var text = document.createElement("p");
      text.textContent = form.dataset.draftRestored;
      notice.appendChild(text);
      if (form.dataset.draftDiscard) {
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "btn btn--secondary btn--small";
        discard.textContent = form.dataset.draftDiscard;
        discard.addEventListener("click", function () {
          restored.forEach(function (field) {
            field.value = field.tagName === "SELECT" ? (field.options[0] ? field.options[0].value : "") : "";
            field.dispatchEvent(new Event("input", { bubbles: true }));
          });
          store.removeItem(key);
          notice.remove();
        });
        var actions = document.createElement("p");
        actions.appendChild(discard);
        notice.appendChild(actions);
      }
      form.insertBefore(notice, form.firstChild);
    }

    var timer = null;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 300);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () {
      window.clearTimeout(timer);
      save();
      try {
        window.sessionStorage.setItem(PENDING, JSON.stringify({ key: key, hops: 0 }));
      } catch (error) { /* ignored */ }
    });
    window.addEventListener("pagehide", function () {
      if (timer) { window.clearTimeout(timer); save(); }
    });
  });
})();
