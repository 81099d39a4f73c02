/*
 * Veileder: the municipality question, progressively enhanced.
 *
 * Without JavaScript the visitor gets a native <select>, grouped by county, and a field to type a
 * name in, which the server resolves. With it, that field becomes a combobox over the select (the
 * WAI-ARIA editable combobox with list autocomplete): type to filter, Down/Up to move, Enter to
 * choose, Escape to close or clear. The select is hidden and carries the chosen number; what was
 * typed is sent too, so a name typed but not chosen is resolved by the server.
 *
 * The list ranks by the same rules as veileder/content/municipality_search.py (the browser tests
 * compare the two): folded words, whole names first, then names that start with the typed text,
 * then (from three letters on) a later word; today's name before a Sami or Kven name before a
 * former name; then alphabetical.
 *
 * Written in plain ES5-style JavaScript so that it also runs on old phones.
 */
(function () {
  "use strict";

  var select = document.querySelector("select[data-municipality-select]");
  var typedField = document.querySelector("[data-municipality-typed]");
  var input = typedField && typedField.querySelector("input");
  if (!select || !input || !("normalize" in String.prototype)) {
    return;
  }

  var NAME = 0, OTHER = 1, FORMER = 2;
  var WHOLE = 0, START = 1, LATER = 2;
  var LATER_FROM = 3;
  var lang = document.documentElement.lang || "nb";

  /** Lower case, accents and punctuation removed: "Bø (Telemark)" -> "bo telemark". */
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/ŋ/g, "n")
      .replace(/đ/g, "d")
      .replace(/ŧ/g, "t")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  /** The folded words, without a connecting "i" ("Os i Hordaland" -> os, hordaland). */
  function words(text) {
    var folded = fold(text);
    return (folded ? folded.split(" ") : []).filter(function (word, index) {
      return word !== "i" || index === 0;
    });
  }

  /** Norwegian order puts æ, ø and å last; English reads them as ae, o and a. */
  function sortKey(name) {
    var lowered = name.toLowerCase().replace(/ŋ/g, "n").replace(/đ/g, "d").replace(/ŧ/g, "t");
    var base = lang === "nb" || lang === "nn"
      ? lowered.replace(/[æä]/g, "{").replace(/[øö]/g, "|").replace(/å/g, "}")
      : lowered.replace(/æ/g, "ae").replace(/ø/g, "o");
    return [base.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""), lowered];
  }

  function key(text, kind) {
    return { text: text, kind: kind, words: words(text), base: words(text.replace(/\([^)]*\)/g, " ")) };
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (word, i) { return word === b[i]; });
  }

  /** How well the typed words match a name: WHOLE, START, LATER, or -1 for not at all. */
  function tier(k, query) {
    if (!query.length) {
      return -1;
    }
    if (same(query, k.words) || same(query, k.base)) {
      return WHOLE;
    }
    var letters = query.join("").length;
    var later = letters >= LATER_FROM ? k.base.length : 1;
    var last = Math.min(later, k.words.length - query.length + 1);
    for (var start = 0; start < last; start++) {
      var fits = query.every(function (word, i) { return k.words[start + i].indexOf(word) === 0; });
      if (fits) {
        return start === 0 ? START : LATER;
      }
    }
    var joined = k.words.join("");
    if (query.length === 1 && k.words.length > 1 && joined.indexOf(query[0]) === 0) {
      return joined === query[0] ? WHOLE : START;
    }
    return -1;
  }

  function split(text, separator) {
    return (text || "").split(separator).filter(Boolean);
  }

  var entries = [];
  Array.prototype.forEach.call(select.options, function (option) {
    if (!option.value) {
      return;
    }
    var label = option.text;
    var others = split(option.getAttribute("data-other"), " / ");
    var formers = split(option.getAttribute("data-former"), " / ");
    var name = label.split(" – ")[0];
    var keys = [key(name, NAME), key(label, NAME)].concat(others.map(function (other) {
      return key(other, OTHER);
    }));
    formers.forEach(function (former) {
      // SSB writes a former name with its Sami part as "Tysfjord - Divtasvuodna".
      split(former, " - ").forEach(function (part) { keys.push(key(part, FORMER)); });
    });
    entries.push({
      value: option.value,
      label: label,
      county: option.parentNode.label || "",
      keys: keys,
      sort: sortKey(name)
    });
  });

  var texts = {
    one: select.getAttribute("data-text-one") || "1 match",
    many: select.getAttribute("data-text-many") || "{count} matches",
    none: select.getAttribute("data-text-none") || "No match",
    listLabel: select.getAttribute("data-text-list") || "",
    former: select.getAttribute("data-text-former") || "formerly {name}"
  };

  /** Municipalities matching `text`, best first, each with the name that matched. */
  function matches(text) {
    var query = words(text);
    var found = [];
    entries.forEach(function (entry) {
      var best = null;
      entry.keys.forEach(function (k) {
        var t = tier(k, query);
        if (t !== -1 && (!best || t < best.tier || (t === best.tier && k.kind < best.kind))) {
          best = { entry: entry, tier: t, kind: k.kind, name: k.text };
        }
      });
      if (best) {
        found.push(best);
      }
    });
    found.sort(function (a, b) {
      return a.tier - b.tier || a.kind - b.kind || compare(a.entry.sort[0], b.entry.sort[0])
        || compare(a.entry.sort[1], b.entry.sort[1]) || compare(a.entry.value, b.entry.value);
    });
    return found;
  }

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // The typed field becomes the combobox and takes the question's id, so that the question's
  // label and the error summary's link lead to it; the select keeps the value and is hidden.
  var id = select.id;
  var typedLabel = typedField.querySelector("label");
  if (typedLabel) {
    typedLabel.hidden = true;
  }
  select.id = id + "-select";
  select.hidden = true;
  select.setAttribute("aria-hidden", "true");
  select.tabIndex = -1;
  input.id = id;
  input.className += " combobox__input";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id + "-listbox");
  ["aria-describedby", "aria-invalid"].forEach(function (name) {
    if (select.hasAttribute(name)) {
      input.setAttribute(name, select.getAttribute(name));
    }
  });
  var wrapper = document.createElement("div");
  wrapper.className = "combobox";
  var list = document.createElement("ul");
  list.className = "combobox__list";
  list.id = id + "-listbox";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", texts.listLabel);
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "ds-sr-only";
  status.setAttribute("role", "status");
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);
  wrapper.appendChild(list);
  wrapper.appendChild(status);

  var shown = [];
  var active = -1;
  var chosen = null;

  function byValue(value) {
    return entries.filter(function (entry) { return entry.value === value; })[0] || null;
  }

  /** Show the select's municipality in the field, unless the visitor's own text is there. */
  function refill() {
    var selected = byValue(select.value);
    if (selected && (!input.value || !chosen || chosen !== selected)) {
      chosen = selected;
      input.value = selected.label;
    } else if (!selected && chosen) {
      chosen = null;
    }
  }

  function announce(count) {
    status.textContent = count === 0 ? texts.none
      : count === 1 ? texts.one
      : texts.many.replace("{count}", String(count));
  }

  function render(found) {
    shown = found;
    active = -1;
    list.textContent = "";
    found.forEach(function (match, index) {
      var entry = match.entry;
      var item = document.createElement("li");
      item.id = id + "-option-" + entry.value;
      item.className = "combobox__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", chosen === entry ? "true" : "false");
      var name = document.createElement("span");
      name.className = "combobox__name";
      name.textContent = entry.label;
      item.appendChild(name);
      var detail = entry.county;
      if (match.kind === FORMER) {
        detail += ", " + texts.former.replace("{name}", match.name);
      }
      var more = document.createElement("span");
      more.className = "combobox__detail";
      more.textContent = " " + detail;
      item.appendChild(more);
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the input
      });
      item.addEventListener("click", function () {
        choose(index);
      });
      list.appendChild(item);
    });
    announce(found.length);
  }

  function open() {
    if (list.hidden) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = list.children;
    if (active >= 0 && items[active]) {
      items[active].classList.remove("is-active");
    }
    active = index;
    if (index < 0 || !items[index]) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    items[index].classList.add("is-active");
    input.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({ block: "nearest" });
  }

  function setChoice(entry) {
    chosen = entry;
    select.value = entry ? entry.value : "";
  }

  function choose(index) {
    var match = shown[index];
    if (!match) {
      return;
    }
    setChoice(match.entry);
    input.value = match.entry.label;
    close();
  }

  /** The select holds a number only while the field shows that municipality's name. */
  function settle() {
    if (!chosen || input.value !== chosen.label) {
      var exact = entries.filter(function (entry) { return entry.label === input.value.trim(); });
      setChoice(exact.length === 1 ? exact[0] : null);
    }
  }

  input.addEventListener("input", function () {
    setChoice(null);
    render(matches(input.value));
    if (input.value.trim()) {
      open();
    } else {
      close();
    }
  });

  input.addEventListener("keydown", function (event) {
    var k = event.key;
    if (k === "ArrowDown" || k === "Down") {
      event.preventDefault();
      if (list.hidden) {
        render(input.value.trim() ? matches(input.value) : entries.map(function (entry) {
          return { entry: entry, tier: START, kind: NAME, name: entry.label };
        }));
        open();
        if (!event.altKey) {
          highlight(0);
        }
      } else {
        highlight(Math.min(active + 1, shown.length - 1));
      }
    } else if (k === "ArrowUp" || k === "Up") {
      event.preventDefault();
      if (!list.hidden) {
        highlight(Math.max(active - 1, 0));
      }
    } else if (k === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else {
        settle();
      }
    } else if (k === "Escape" || k === "Esc") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        setChoice(null);
      }
    } else if (k === "Tab") {
      if (!list.hidden && active >= 0) {
        choose(active);
      }
      close();
    }
  });

  input.addEventListener("blur", function () {
    close();
    settle();
  });

  if (select.form) {
    select.form.addEventListener("submit", settle);
  }

  // The browser may restore the select after this script ran (or bring the page back from its
  // back/forward cache): show the restored municipality in the field then too.
  refill();
  window.addEventListener("pageshow", refill);
})();
