/*
 * Veileder: the municipality question, progressively enhanced.
 *
 * Without JavaScript the visitor gets a native <select>, grouped by county. With it, the select
 * is hidden (it still carries the value the form submits) and a text field with a filtered list
 * takes its place, following the WAI-ARIA combobox pattern (editable combobox with list
 * autocomplete): type to filter, Down/Up to move, Enter to choose, Escape to close or clear.
 * Names match without regard to case or accents, and Sami and Kven names match too.
 *
 * Written in plain ES5-style JavaScript so that it also runs on old phones.
 */
(function () {
  "use strict";

  var select = document.querySelector("select[data-municipality-select]");
  if (!select || !("normalize" in String.prototype)) {
    return;
  }

  /** Lower-case, accents removed, Norwegian and Sami letters folded to their base letter. */
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/ŋ/g, "n")
      .replace(/đ/g, "d")
      .replace(/ŧ/g, "t")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  var entries = [];
  Array.prototype.forEach.call(select.options, function (option) {
    if (!option.value) {
      return;
    }
    var others = (option.getAttribute("data-other-names") || "").split(" / ").filter(Boolean);
    entries.push({
      value: option.value,
      name: option.text,
      county: option.parentNode.label || "",
      others: others,
      keys: [fold(option.text)].concat(others.map(fold))
    });
  });

  var texts = {
    one: select.getAttribute("data-text-one") || "1 match",
    many: select.getAttribute("data-text-many") || "{count} matches",
    none: select.getAttribute("data-text-none") || "No match",
    listLabel: select.getAttribute("data-text-list") || ""
  };

  var id = select.id;
  var wrapper = document.createElement("div");
  wrapper.className = "combobox";
  var input = document.createElement("input");
  input.type = "text";
  input.className = "ds-input combobox__input";
  input.id = id;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id + "-listbox");
  input.setAttribute("autocomplete", "off");
  input.setAttribute("autocapitalize", "words");
  input.setAttribute("spellcheck", "false");
  ["aria-describedby", "aria-invalid"].forEach(function (name) {
    if (select.hasAttribute(name)) {
      input.setAttribute(name, select.getAttribute(name));
    }
  });
  var list = document.createElement("ul");
  list.className = "combobox__list";
  list.id = id + "-listbox";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", texts.listLabel);
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "ds-sr-only";
  status.setAttribute("role", "status");

  wrapper.appendChild(input);
  wrapper.appendChild(list);
  wrapper.appendChild(status);
  select.id = id + "-select";
  select.hidden = true;
  select.setAttribute("aria-hidden", "true");
  select.tabIndex = -1;
  select.parentNode.insertBefore(wrapper, select);

  var shown = [];
  var active = -1;
  var chosen = entries.filter(function (entry) { return entry.value === select.value; })[0] || null;
  input.value = chosen ? chosen.name : "";

  /** Municipalities matching `query`, best first. */
  function matches(query) {
    var q = fold(query.trim());
    if (!q) {
      return entries.slice();
    }
    var ranked = [];
    entries.forEach(function (entry, index) {
      var best = -1;
      entry.keys.forEach(function (key, keyIndex) {
        var at = key.indexOf(q);
        if (at === -1) {
          return;
        }
        // Whole name first, then names that start with the query, then the rest; the
        // Norwegian name before a Sami or Kven name at each step.
        var tier = key === q ? 0 : at === 0 ? 1 : 2;
        var rank = tier * 2 + (keyIndex === 0 ? 0 : 1);
        if (best === -1 || rank < best) {
          best = rank;
        }
      });
      if (best !== -1) {
        ranked.push({ entry: entry, rank: best, index: index });
      }
    });
    ranked.sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
    return ranked.map(function (item) { return item.entry; });
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
    found.forEach(function (entry, index) {
      var item = document.createElement("li");
      item.id = id + "-option-" + entry.value;
      item.className = "combobox__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", chosen === entry ? "true" : "false");
      var name = document.createElement("span");
      name.className = "combobox__name";
      name.textContent = entry.name;
      item.appendChild(name);
      var detail = entry.others.length ? entry.others.join(" / ") + ", " + entry.county : entry.county;
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
    var entry = shown[index];
    if (!entry) {
      return;
    }
    setChoice(entry);
    input.value = entry.name;
    close();
  }

  /** What the visitor typed stands for a municipality only when it names exactly one. */
  function settle() {
    var typed = fold(input.value.trim());
    var exact = entries.filter(function (entry) { return entry.keys.indexOf(typed) !== -1; });
    setChoice(exact.length === 1 ? exact[0] : null);
    if (exact.length === 1) {
      input.value = exact[0].name;
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
    var key = event.key;
    if (key === "ArrowDown" || key === "Down") {
      event.preventDefault();
      if (list.hidden) {
        render(matches(input.value));
        open();
        if (!event.altKey) {
          highlight(0);
        }
      } else {
        highlight(Math.min(active + 1, shown.length - 1));
      }
    } else if (key === "ArrowUp" || key === "Up") {
      event.preventDefault();
      if (!list.hidden) {
        highlight(Math.max(active - 1, 0));
      }
    } else if (key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else {
        settle();
      }
    } else if (key === "Escape" || key === "Esc") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        setChoice(null);
      }
    } else if (key === "Tab") {
      if (!list.hidden && active >= 0) {
        choose(active);
      }
      close();
    }
  });

  input.addEventListener("blur", function () {
    close();
    if (!chosen || input.value !== chosen.name) {
      settle();
    }
  });

  var form = select.form;
  if (form) {
    form.addEventListener("submit", function () {
      if (!chosen || input.value !== chosen.name) {
        settle();
      }
    });
  }
})();
