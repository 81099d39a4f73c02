// Which of Designsystemet's component rules Veileder's pages use: `make setup` runs PurgeCSS with
// this file and writes veileder/static/vendor/designsystemet.css (the theme's tokens, whole, then the
// component rules that are kept). See the Makefile's `css` target.
//
// A rule is kept when every class, id, tag and attribute in its selector appears, as a word, in a
// file below: every template, the scripts (which add classes and attributes such as aria-expanded),
// and the Python code (the Markdown renderer gives links `ds-link`). So a class must be written out
// whole in a template or script, never assembled from parts ("ds-" ~ name).
module.exports = {
  content: ["veileder/templates/**/*.html", "veileder/static/*.js", "veileder/**/*.py"],
  css: ["node_modules/@digdir/designsystemet-css/dist/src/index.css"],
  safelist: {
    standard: [
      // PurgeCSS drops a selector made only of pseudo-classes, such as
      // `:is(.ds-details > summary):focus-visible` (the focus ring of "Why am I seeing this?") or
      // `:is(.ds-skip-link:focus):not([hidden])`, because it finds no class, tag or attribute of its
      // own. Counting every pseudo-class as present keeps them; the selectors inside `:is()` and
      // `:where()` are still checked one by one, and dropped when unused.
      /^:/,
      // Attributes that a selector names only to exempt elements, such as the full width of every input:
      // `.ds-input:not([size],[cols],select:where([data-width=auto]))`. No template carries them, and
      // that is exactly when the rule applies.
      "cols",
      "data-width",
      // The tags that the content's Markdown renders, which no template need name.
      ...["a", "p", "ul", "ol", "li", "h2", "h3", "h4", "strong", "em", "blockquote", "code", "pre"],
      ...["table", "thead", "tbody", "tr", "th", "td", "hr"],
    ],
  },
  // Keep every custom property (Designsystemet's tokens), every @keyframes and @font-face.
  variables: false,
  keyframes: false,
  fontFace: false,
};
